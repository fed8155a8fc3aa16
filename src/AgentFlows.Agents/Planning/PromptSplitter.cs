namespace AgentFlows.Agents.Planning;

/// <summary>
/// Splits a prompt into groups of requests: groups follow one another, the requests of a group are parallel.
/// </summary>
/// <remarks>
/// <para>Groups are separated by a new line, <c>;</c> or the word <c>then</c> (also ", then" and "and then").</para>
/// <para>
/// Inside a group, requests are separated by <c>and</c> or a comma, but only where the text after it starts a
/// request (a verb the planner knows, see <see cref="RequestPatterns.StartsRequest"/>): so in
/// "add a todo buy bread and milk" the <c>and</c> is part of the title, while in
/// "calculate 2+2 and calculate 3*3" it separates two parallel steps.
/// </para>
/// <para>
/// Nothing inside quotes, backticks, fences or balanced (), [] or {} ever separates anything: quote a title or
/// text that contains "then", ";" or "and &lt;verb&gt;".
/// </para>
/// </remarks>
internal static class PromptSplitter
{
    public static IReadOnlyList<IReadOnlyList<string>> Split(string prompt)
    {
        var shielded = Shield(prompt);
        var groups = new List<IReadOnlyList<string>>();
        foreach (var (start, end) in Segments(prompt, shielded))
        {
            var requests = Requests(prompt, shielded, start, end)
                .Select(RequestText.Clean)
                .Where(r => r.Length > 0)
                .ToArray();
            if (requests.Length > 0)
            {
                groups.Add(requests);
            }
        }

        return groups;
    }

    private static IEnumerable<(int Start, int End)> Segments(string text, bool[] shielded)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (shielded[i])
            {
                continue;
            }

            var width = text[i] is '\n' or '\r' or ';' ? 1 : IsWordAt(text, i, "then") ? 4 : 0;
            if (width > 0)
            {
                yield return (start, i);
                start = i + width;
                i = start - 1;
            }
        }

        yield return (start, text.Length);
    }

    private static IEnumerable<string> Requests(string text, bool[] shielded, int start, int end)
    {
        var from = start;
        for (var i = start; i < end; i++)
        {
            if (shielded[i])
            {
                continue;
            }

            var width = text[i] == ',' ? 1 : IsWordAt(text, i, "and") ? 3 : 0;
            if (width > 0 && RequestPatterns.StartsRequest(text[(i + width)..end].TrimStart()))
            {
                yield return text[from..i];
                from = i + width;
                i = from - 1;
            }
        }

        yield return text[from..end];
    }

    private static bool IsWordAt(string text, int i, string word) =>
        string.Compare(text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (i == 0 || !IsWordChar(text[i - 1]))
        && (i + word.Length == text.Length || !IsWordChar(text[i + word.Length]));

    // "then-and-now" is one word: a hyphen or underscore joins words rather than separating them.
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '_';

    // Marks every character inside quotes or balanced brackets, where no separator counts.
    private static bool[] Shield(string text)
    {
        var shielded = new bool[text.Length];
        var open = new Stack<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var close = Quoting.FindClose(text, i);
            if (close > i)
            {
                Array.Fill(shielded, true, i, close - i + 1);
                i = close;
            }
            else if (text[i] is '(' or '[' or '{')
            {
                open.Push(i);
            }
            else if (text[i] is ')' or ']' or '}' && open.Count > 0 && Matches(text[open.Peek()], text[i]))
            {
                var from = open.Pop();
                Array.Fill(shielded, true, from, i - from + 1);
            }
        }

        return shielded;
    }

    private static bool Matches(char open, char close) => (open, close) is ('(', ')') or ('[', ']') or ('{', '}');
}
