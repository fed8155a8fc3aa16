using System.Text;

namespace AgentFlows.Cli.Output;

/// <summary>A plain-text table with space-aligned columns, for output that may be read by scripts or logs.</summary>
/// <param name="headers">The column headers.</param>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; missing cells are empty.</summary>
    /// <param name="cells">The cells, in column order.</param>
    public void AddRow(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the header and the rows, each line trimmed at the end.</summary>
    /// <param name="writer">Where to write.</param>
    public void WriteTo(TextWriter writer)
    {
        var widths = new int[headers.Length];
        foreach (var row in _rows.Prepend(headers))
        {
            for (var i = 0; i < widths.Length && i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var line = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            line.Clear();
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < row.Length ? row[i] : string.Empty;
                line.Append(cell.PadRight(widths[i] + 2));
            }

            writer.WriteLine(line.ToString().TrimEnd());
        }
    }
}
