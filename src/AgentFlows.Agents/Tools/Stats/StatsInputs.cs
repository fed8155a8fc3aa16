using System.Globalization;
using System.Text.Json.Nodes;
using AgentFlows.Agents.Json;
using AgentFlows.Agents.Tools.Data;

namespace AgentFlows.Agents.Tools.Stats;

/// <summary>Reads the samples of a stats step: JSON arrays of numbers, or columns of a CSV (missing cells skipped).</summary>
internal static class StatsInputs
{
    public static double[] Numbers(JsonNode? node, string name) => node is JsonArray array
        ? array.Select((item, i) => JsonNumber.TryGet(item, out var v) ? v : throw new StatisticsException($"{name}[{i}] is {item?.ToJsonString() ?? "null"}, not a number.")).ToArray()
        : throw new StatisticsException($"{name} must be an array of numbers.");

    public static async Task<CsvTable> TableAsync(JsonObject args, DataFolder folder, CancellationToken cancellationToken)
    {
        if (args["csv"] is null && args["path"] is null)
        {
            throw new StatisticsException("Columns need a CSV: give 'path' (a file under the data folder) or 'csv' (inline text).");
        }

        return (await DataSource.LoadAsync(args, folder, cancellationToken).ConfigureAwait(false)).Table;
    }

    public static string[] ColumnNames(JsonObject args, int count)
    {
        var names = args["columns"] is JsonArray columns ? columns.Select(c => c!.GetValue<string>()).ToArray() : [args["column"]!.GetValue<string>()];
        return names.Length == count ? names : throw new StatisticsException($"Give {count} column{(count == 1 ? "" : "s")}, not {names.Length}.");
    }

    public static int Column(CsvTable table, string name)
    {
        var index = Array.FindIndex(table.Header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new StatisticsException($"The CSV has no column '{name}' (columns: {string.Join(", ", table.Header)}).");
    }

    /// <summary>Reads one cell as a number, or null when missing.</summary>
    public static double? Cell(CsvTable table, int row, int column)
    {
        var cell = table.Rows[row][column].Trim();
        if (CellValues.IsMissing(cell))
        {
            return null;
        }

        return CellValues.TryNumber(cell, out var value)
            ? value
            : throw new StatisticsException(string.Create(CultureInfo.InvariantCulture, $"Column '{table.Header[column]}' holds '{cell}' in row {row + 1}, which is not a number."));
    }

    public static double[] NumberColumn(CsvTable table, string name)
    {
        var column = Column(table, name);
        return Enumerable.Range(0, table.Rows.Count).Select(r => Cell(table, r, column)).OfType<double>().ToArray();
    }
}
