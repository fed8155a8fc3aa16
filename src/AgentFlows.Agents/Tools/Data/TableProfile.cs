using System.Text.Json.Nodes;

namespace AgentFlows.Agents.Tools.Data;

/// <summary>The profile of a CSV table.</summary>
/// <param name="Rows">Data rows.</param>
/// <param name="Columns">The column profiles.</param>
/// <param name="DuplicateRows">Rows equal to an earlier row (after trimming).</param>
/// <param name="PaddedRows">Rows that were shorter than the header.</param>
/// <param name="Delimiter">The delimiter.</param>
/// <param name="HadHeader">Whether the first record was a header.</param>
public sealed record TableProfile(int Rows, IReadOnlyList<ColumnProfile> Columns, int DuplicateRows, int PaddedRows, char Delimiter, bool HadHeader)
{
    /// <summary>Gets the JSON form.</summary>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson() => new()
    {
        ["rows"] = Rows,
        ["columnCount"] = Columns.Count,
        ["delimiter"] = Delimiter.ToString(),
        ["header"] = HadHeader,
        ["duplicateRows"] = DuplicateRows,
        ["paddedRows"] = PaddedRows,
        ["columns"] = new JsonArray(Columns.Select(c => (JsonNode?)c.ToJson()).ToArray()),
    };
}
