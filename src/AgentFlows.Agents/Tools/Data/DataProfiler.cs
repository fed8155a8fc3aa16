using System.Globalization;
using AgentFlows.Agents.Tools.Stats;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>Profiles a CSV table: per column the inferred type, nulls, distinct values, invalid values, min, max, mean and outliers.</summary>
public static class DataProfiler
{
    /// <summary>Profiles a table.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The profile.</returns>
    public static TableProfile Profile(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = new List<ColumnProfile>();
        for (var c = 0; c < table.Header.Length; c++)
        {
            var column = c;
            columns.Add(ProfileColumn(table.Header[c], table.Rows.Select(r => r[column].Trim()).ToArray()));
        }

        var duplicates = table.Rows.Count - table.Rows.Select(r => string.Join('\u001f', r.Select(v => v.Trim()))).Distinct(StringComparer.Ordinal).Count();
        return new TableProfile(table.Rows.Count, columns, duplicates, table.PaddedRows.Count, table.Delimiter, table.HadHeader);
    }

    /// <summary>The Tukey fences of numbers: (Q1 - 1.5 IQR, Q3 + 1.5 IQR), or null with fewer than four values.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The fences.</returns>
    public static (double Lower, double Upper)? Fences(IReadOnlyList<double> values)
    {
        if (values.Count < 4)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var q1 = Statistics.Quantile(sorted, 0.25);
        var q3 = Statistics.Quantile(sorted, 0.75);
        return (q1 - (1.5 * (q3 - q1)), q3 + (1.5 * (q3 - q1)));
    }

    private static ColumnProfile ProfileColumn(string name, string[] cells)
    {
        var type = TypeInference.Infer(cells);
        var present = cells.Where(c => !CellValues.IsMissing(c)).ToArray();
        var valid = present.Select(c => CellValues.TryCanonical(c, type, out var canonical) ? canonical : null).OfType<string>().ToArray();
        string? min = null, max = null;
        double? mean = null;
        var outliers = 0;
        if (type is ColumnType.Int or ColumnType.Float && valid.Length > 0)
        {
            var numbers = valid.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            min = valid[Array.IndexOf(numbers, numbers.Min())];
            max = valid[Array.IndexOf(numbers, numbers.Max())];
            mean = numbers.Average();
            outliers = Fences(numbers) is var (lower, upper) ? numbers.Count(n => n < lower || n > upper) : 0;
        }
        else if (type == ColumnType.Date && valid.Length > 0)
        {
            min = valid.Min(StringComparer.Ordinal);
            max = valid.Max(StringComparer.Ordinal);
        }

        return new ColumnProfile(name, type, present.Length, cells.Length - present.Length, present.Distinct(StringComparer.Ordinal).Count(), present.Length - valid.Length, min, max, mean, outliers);
    }
}
