using System.Globalization;

namespace AgentFlows.Agents.Tools.Data;

/// <content>Row removal, outliers and imputation.</content>
public sealed partial class DataCleaner
{
    private static List<Row> RemoveEmptyAndDuplicates(List<Row> rows, CleaningReport report)
    {
        var kept = new List<Row>();
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Cells.All(c => c.Length == 0))
            {
                report.Add(new CleaningChange(row.Number, null, "empty-row-removed", null, null));
                continue;
            }

            var key = string.Join('\u001f', row.Cells);
            if (firstSeen.TryGetValue(key, out var first))
            {
                report.Add(new CleaningChange(row.Number, null, "duplicate-removed", null, $"same as row {first}"));
                continue;
            }

            firstSeen[key] = row.Number;
            kept.Add(row);
        }

        return kept;
    }

    // Outliers are judged on the observed values, before imputation adds medians that would narrow the fences.
    private static void FlagOutliers(string[] header, ColumnType[] types, List<Row> rows, CleaningReport report)
    {
        for (var c = 0; c < header.Length; c++)
        {
            var column = c;
            if (types[c] is not (ColumnType.Int or ColumnType.Float))
            {
                continue;
            }

            var present = rows.Where(r => r.Cells[column].Length > 0).ToArray();
            if (DataProfiler.Fences(present.Select(r => Number(r.Cells[column])).ToArray()) is not var (lower, upper))
            {
                continue;
            }

            foreach (var row in present.Where(r => Number(r.Cells[column]) < lower || Number(r.Cells[column]) > upper))
            {
                var fences = $"outside [{lower.ToString("G10", CultureInfo.InvariantCulture)}, {upper.ToString("G10", CultureInfo.InvariantCulture)}]";
                report.Add(new CleaningChange(row.Number, header[c], "outlier-flagged", row.Cells[c], fences));
            }
        }
    }

    private static void Impute(string[] header, ColumnType[] types, List<Row> rows, CleaningReport report)
    {
        for (var c = 0; c < header.Length; c++)
        {
            var column = c;
            var missing = rows.Where(r => r.Cells[column].Length == 0).ToArray();
            var present = rows.Select(r => r.Cells[column]).Where(v => v.Length > 0).ToArray();
            if (missing.Length == 0)
            {
                continue;
            }

            if (present.Length == 0)
            {
                report.Add(new CleaningChange(null, header[c], "not-imputed", null, "the column has no values to impute from"));
                continue;
            }

            var numeric = types[c] is ColumnType.Int or ColumnType.Float;
            var value = numeric ? Median(present, types[c]) : Mode(present);
            foreach (var row in missing)
            {
                row.Cells[c] = value;
                report.Add(new CleaningChange(row.Number, header[c], numeric ? "imputed-median" : "imputed-mode", "", value));
            }
        }
    }

    private static string Median(string[] values, ColumnType type)
    {
        var median = Stats.Statistics.Quantile(values.Select(Number).Order().ToArray(), 0.5);
        return type == ColumnType.Int
            ? Math.Round(median, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)
            : median.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Mode(string[] values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);
}
