using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentFlows.Host.Runs;

/// <summary>A run as <c>GET /api/runs</c> lists it: what the instance row holds, without reading its history.</summary>
internal sealed record RunSummary
{
    /// <summary>Gets the run id.</summary>
    [JsonPropertyName("runId")] public required string RunId { get; init; }

    /// <summary>Gets the status.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>Gets the prompt.</summary>
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }

    /// <summary>Gets the session id.</summary>
    [JsonPropertyName("sessionId")] public string? SessionId { get; init; }

    /// <summary>Gets which planner planned, when the plan came with the input.</summary>
    [JsonPropertyName("planner")] public string? Planner { get; init; }

    /// <summary>Gets the tools the plan calls, in plan order, each once.</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Gets the result of a completed run.</summary>
    [JsonPropertyName("result")] public JsonNode? Result { get; init; }

    /// <summary>Gets the error of a failed or canceled run.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>Gets when the run was created.</summary>
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the run last changed.</summary>
    [JsonPropertyName("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The body of <c>GET /api/runs</c>.</summary>
/// <param name="Items">The page, newest first.</param>
/// <param name="TotalCount">How many runs match the filters in all.</param>
/// <param name="ContinuationToken">The token of the next page; null on the last page.</param>
internal sealed record RunPage(
    [property: JsonPropertyName("items")] IReadOnlyList<RunSummary> Items,
    [property: JsonPropertyName("totalCount")] int TotalCount,
    [property: JsonPropertyName("continuationToken")] string? ContinuationToken);
