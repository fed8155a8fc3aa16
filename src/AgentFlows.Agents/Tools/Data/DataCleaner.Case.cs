namespace AgentFlows.Agents.Tools.Data;

/// <content>Spellings of one text value that differ only in letter case.</content>
public sealed partial class DataCleaner
{
    /// <summary>
    /// In text columns, values that differ only in letter case ("madrid", "MADRID", "Madrid") become the spelling the
    /// column uses most (the first seen on a tie), so grouping, counting and duplicate detection see one value.
    /// </summary>
    private static void UnifyCase(string[] header, ColumnType[] types, List<Row> rows, CleaningReport report)
    {
        for (var c = 0; c < header.Length; c++)
        {
            if (types[c] != ColumnType.String)
            {
                continue;
            }

            var preferred = rows.Select(r => r.Cells[c]).Where(v => v.Length > 0)
                .GroupBy(v => v, StringComparer.Ordinal)
                .Select((g, order) => (Spelling: g.Key, Count: g.Count(), Order: order))
                .GroupBy(s => s.Spelling, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Count).ThenBy(s => s.Order).First().Spelling, StringComparer.OrdinalIgnoreCase);
            if (preferred.Count == 0)
            {
                continue;
            }

            foreach (var row in rows)
            {
                var cell = row.Cells[c];
                if (preferred.TryGetValue(cell, out var spelling) && !string.Equals(cell, spelling, StringComparison.Ordinal))
                {
                    report.Add(new CleaningChange(row.Number, header[c], "case-unified", cell, spelling));
                    row.Cells[c] = spelling;
                }
            }
        }
    }
}
