namespace AgentFlows.Agents.Tools.Data;

/// <summary>
/// Cleans a CSV table, in this order: header names made present and unique; short rows padded; cells trimmed;
/// missing markers (NA, N/A, null, none, NaN) emptied; cells coerced to their column's inferred type (canonical
/// numbers, true/false, yyyy-MM-dd dates), with values of another type removed; spellings of a text value that differ only in
/// letter case unified to the most common one; empty rows and duplicate rows
/// (the first is kept) removed; outliers outside 1.5 × IQR flagged (kept, and reported); missing values imputed by
/// the median of a number column (rounded in an int column) or the mode of any other column (ties to the
/// ordinally smallest value). Every change is reported.
/// </summary>
public sealed partial class DataCleaner
{
    private readonly DataOptions _options;

    /// <summary>Initializes a new instance of the <see cref="DataCleaner"/> class.</summary>
    /// <param name="options">The options (the report's listing limit).</param>
    public DataCleaner(DataOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Cleans a table; the input is not changed.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The cleaned table and the report.</returns>
    public (CsvTable Cleaned, CleaningReport Report) Clean(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var report = new CleaningReport(_options.MaxReportedChanges);
        foreach (var (column, before, after) in table.RenamedColumns)
        {
            report.Add(new CleaningChange(null, after, "header-renamed", before, $"column {column} is now '{after}'"));
        }

        foreach (var row in table.PaddedRows)
        {
            report.Add(new CleaningChange(row, null, "row-padded", null, "missing fields added"));
        }

        // Row numbers travel with the rows so that removals never change what a reported row number means.
        var rows = table.Rows.Select((cells, i) => new Row(i + 1, [.. cells])).ToList();
        Normalize(table.Header, rows, report);
        var types = table.Header.Select((_, c) => TypeInference.Infer(rows.Select(r => r.Cells[c]))).ToArray();
        Coerce(table.Header, types, rows, report);
        UnifyCase(table.Header, types, rows, report);
        rows = RemoveEmptyAndDuplicates(rows, report);
        FlagOutliers(table.Header, types, rows, report);
        Impute(table.Header, types, rows, report);
        return (table.WithRows(rows.Select(r => r.Cells).ToList()), report);
    }

    private static void Normalize(string[] header, List<Row> rows, CleaningReport report)
    {
        foreach (var row in rows)
        {
            for (var c = 0; c < header.Length; c++)
            {
                var cell = row.Cells[c];
                var trimmed = cell.Trim();
                if (trimmed != cell)
                {
                    report.Add(new CleaningChange(row.Number, header[c], "trimmed", cell, trimmed));
                }

                if (trimmed.Length > 0 && CellValues.IsMissing(trimmed))
                {
                    report.Add(new CleaningChange(row.Number, header[c], "missing-marked", trimmed, ""));
                    trimmed = "";
                }

                row.Cells[c] = trimmed;
            }
        }
    }

    private static void Coerce(string[] header, ColumnType[] types, List<Row> rows, CleaningReport report)
    {
        foreach (var row in rows)
        {
            for (var c = 0; c < header.Length; c++)
            {
                var cell = row.Cells[c];
                if (cell.Length == 0)
                {
                    continue;
                }

                if (!CellValues.TryCanonical(cell, types[c], out var canonical))
                {
                    report.Add(new CleaningChange(row.Number, header[c], "invalid-removed", cell, $"not a{(types[c] == ColumnType.Int ? "n" : "")} {types[c].ToString().ToLowerInvariant()}"));
                    row.Cells[c] = "";
                }
                else if (canonical != cell)
                {
                    report.Add(new CleaningChange(row.Number, header[c], "coerced", cell, canonical));
                    row.Cells[c] = canonical;
                }
            }
        }
    }

    private sealed record Row(int Number, string[] Cells);
}
