namespace AgentFlows.Agents.Tools.Data;

/// <summary>Detects the delimiter of a CSV among comma, semicolon, tab and pipe.</summary>
internal static class CsvDialect
{
    public static readonly char[] Candidates = [',', ';', '\t', '|'];

    /// <summary>Picks the delimiter that splits the most of the first 50 lines into the same number of fields.</summary>
    /// <remarks>Ties go to the larger field count, then to the order comma, semicolon, tab, pipe; with no candidate in the text, comma.</remarks>
    public static char Detect(string text)
    {
        var lines = SampleLines(text);
        var best = ',';
        (double Consistency, int Fields) bestScore = (0, 0);
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, candidate)).ToArray();
            var mode = counts.Where(c => c > 0).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).FirstOrDefault();
            if (mode is null)
            {
                continue;
            }

            var score = ((double)mode.Count() / counts.Length, mode.Key);
            if (score.CompareTo(bestScore) > 0)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return best;
    }

    private static List<string> SampleLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length && lines.Count < 50; i++)
        {
            quoted ^= text[i] == '"';
            if (!quoted && text[i] == '\n')
            {
                lines.Add(text[start..i].TrimEnd('\r'));
                start = i + 1;
            }
        }

        if (lines.Count < 50 && start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines.Where(l => l.Length > 0).ToList();
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            quoted ^= c == '"';
            count += !quoted && c == delimiter ? 1 : 0;
        }

        return count;
    }
}
