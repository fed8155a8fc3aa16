namespace AgentFlows.Agents.Tools.Data;

/// <summary>Infers a column's type from its present values.</summary>
/// <remarks>
/// The first of bool, int, float, date that at least 80 % of the present values parse as wins (so a stray
/// "n.a." does not turn a number column into text); otherwise string. A column with no values is string.
/// </remarks>
internal static class TypeInference
{
    public const double Threshold = 0.8;

    public static ColumnType Infer(IEnumerable<string> cells)
    {
        var present = cells.Select(c => c.Trim()).Where(c => !CellValues.IsMissing(c)).ToArray();
        if (present.Length == 0)
        {
            return ColumnType.String;
        }

        foreach (var type in new[] { ColumnType.Bool, ColumnType.Int, ColumnType.Float, ColumnType.Date })
        {
            var parsed = present.Count(c => CellValues.TryCanonical(c, type, out _));
            // One fractional value makes a number column float, rather than an int column with an invalid cell.
            var fractional = type == ColumnType.Int && present.Any(c => CellValues.TryNumber(c, out var d) && !double.IsInteger(d));
            if (parsed >= Threshold * present.Length && !fractional)
            {
                return type;
            }
        }

        return ColumnType.String;
    }
}
