using System.Text.Json.Serialization;

namespace AgentFlows.Agents.Tools.Usage;

/// <summary>A tool's usage in this process, as <c>GET /api/tools</c> shows it.</summary>
/// <param name="Calls">Calls (activity attempts, cache hits included) since the process started.</param>
/// <param name="Errors">Calls that failed.</param>
/// <param name="P50Ms">The median latency in milliseconds over the most recent calls, or null before the first call.</param>
public sealed record ToolUsageSnapshot(
    [property: JsonPropertyName("calls")] long Calls,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("p50Ms")] double? P50Ms);
