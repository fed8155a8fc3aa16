namespace AgentFlows.Agents.Tools.Data;

/// <summary>A CSV read into memory: a header and rows of cell text, every row as wide as the header.</summary>
public sealed class CsvTable
{
    internal CsvTable(string[] header, List<string[]> rows, char delimiter, bool hadHeader)
    {
        Header = header;
        Rows = rows;
        Delimiter = delimiter;
        HadHeader = hadHeader;
    }

    /// <summary>Gets the column names (column_1, column_2, … when the CSV had no header).</summary>
    public string[] Header { get; }

    /// <summary>Gets the data rows.</summary>
    public List<string[]> Rows { get; }

    /// <summary>Gets the delimiter the CSV was read with.</summary>
    public char Delimiter { get; }

    /// <summary>Gets a value indicating whether the first record was a header.</summary>
    public bool HadHeader { get; }

    /// <summary>Gets the (1-based) numbers of the rows that were shorter than the header and were padded with missing values.</summary>
    public IReadOnlyList<int> PaddedRows { get; private init; } = [];

    /// <summary>Gets the header names that were changed to be present and unique: (position, before, after).</summary>
    public IReadOnlyList<(int Column, string Before, string After)> RenamedColumns { get; private init; } = [];

    /// <summary>Reads CSV text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">The limits.</param>
    /// <param name="header">Whether the first record is a header; detected when null.</param>
    /// <param name="delimiter">The delimiter; detected when null.</param>
    /// <returns>The table.</returns>
    /// <exception cref="DataException">The CSV is empty, malformed or over a limit.</exception>
    public static CsvTable Parse(string text, DataOptions options, bool? header = null, char? delimiter = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        text = text.TrimStart('\uFEFF');
        var separator = delimiter ?? CsvDialect.Detect(text);
        var records = CsvParser.Parse(text, separator, options.MaxRows + 1);
        if (records.Count == 0)
        {
            throw new DataException("The CSV is empty.");
        }

        var width = records.Max(r => r.Length);
        if (width > options.MaxColumns)
        {
            throw new DataException($"The CSV has {width} columns, over the limit of {options.MaxColumns}.");
        }

        var hasHeader = header ?? HeaderDetector.Detect(records);
        var (names, renamed) = hasHeader ? ColumnNames.Normalize(records[0]) : (Enumerable.Range(1, records[0].Length).Select(i => $"column_{i}").ToArray(), []);
        var rows = records.Skip(hasHeader ? 1 : 0).ToList();
        var padded = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length > names.Length)
            {
                var line = i + 1 + (hasHeader ? 1 : 0);
                throw new DataException($"Record {line} of the CSV has {rows[i].Length} fields, but the {(hasHeader ? "header" : "first record")} has {names.Length}.");
            }

            if (rows[i].Length < names.Length)
            {
                rows[i] = [.. rows[i], .. Enumerable.Repeat("", names.Length - rows[i].Length)];
                padded.Add(i + 1);
            }
        }

        return new CsvTable(names, rows, separator, hasHeader) { PaddedRows = padded, RenamedColumns = renamed };
    }

    /// <summary>Writes the table as RFC 4180 CSV (comma, CRLF).</summary>
    /// <returns>The CSV text.</returns>
    public string ToCsv() => CsvWriter.Write(Header, Rows);

    /// <summary>Creates a table with the same header and delimiter and other rows.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The new table.</returns>
    internal CsvTable WithRows(List<string[]> rows) => new(Header, rows, Delimiter, HadHeader);

    /// <summary>Creates a table with the same delimiter and other columns.</summary>
    /// <param name="header">The header.</param>
    /// <param name="rows">The rows, as wide as the header.</param>
    /// <returns>The new table.</returns>
    internal CsvTable WithColumns(string[] header, List<string[]> rows) => new(header, rows, Delimiter, HadHeader);
}
