namespace AgentFlows.Agents.Tools.Data;

/// <summary>Makes header names usable: trimmed, present (column_N when empty) and unique (name_2, name_3, …).</summary>
internal static class ColumnNames
{
    public static (string[] Names, IReadOnlyList<(int Column, string Before, string After)> Renamed) Normalize(string[] header)
    {
        var names = new string[header.Length];
        var renamed = new List<(int, string, string)>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            name = name.Length == 0 ? $"column_{i + 1}" : name;
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }

            names[i] = unique;
            if (unique != header[i])
            {
                renamed.Add((i + 1, header[i], unique));
            }
        }

        return (names, renamed);
    }
}
