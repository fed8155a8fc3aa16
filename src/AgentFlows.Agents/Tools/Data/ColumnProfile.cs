using System.Text.Json.Nodes;
using AgentFlows.Agents.Json;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>The profile of one column.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The inferred type.</param>
/// <param name="Count">Present values.</param>
/// <param name="Nulls">Missing values (empty, NA, N/A, null, none, NaN).</param>
/// <param name="Distinct">Distinct present values.</param>
/// <param name="Invalid">Present values that are not of the inferred type.</param>
/// <param name="Min">The smallest valid value (numbers and dates), as canonical text.</param>
/// <param name="Max">The largest valid value (numbers and dates), as canonical text.</param>
/// <param name="Mean">The mean of a number column.</param>
/// <param name="Outliers">Values outside the 1.5 × IQR fences (number columns of four or more values).</param>
public sealed record ColumnProfile(string Name, ColumnType Type, int Count, int Nulls, int Distinct, int Invalid, string? Min, string? Max, double? Mean, int Outliers)
{
    /// <summary>Gets the JSON form; min and max are numbers for number columns.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type.ToString().ToLowerInvariant(),
        ["count"] = Count,
        ["nulls"] = Nulls,
        ["distinct"] = Distinct,
        ["invalid"] = Invalid,
        ["min"] = Bound(Min),
        ["max"] = Bound(Max),
        ["mean"] = Mean is double mean ? JsonNumber.Create(mean) : null,
        ["outliers"] = Outliers,
    };

    private JsonNode? Bound(string? value) =>
        value is null ? null : Type is ColumnType.Int or ColumnType.Float && CellValues.TryNumber(value, out var n) ? JsonNumber.Create(n) : value;
}
