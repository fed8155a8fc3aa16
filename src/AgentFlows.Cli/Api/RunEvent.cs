using System.Text.Json;

namespace AgentFlows.Cli.Api;

/// <summary>One event of <c>GET /api/runs/{runId}/events</c>.</summary>
/// <param name="Seq">The event's position in the run; a resumed stream continues after the last one seen.</param>
/// <param name="Type">The event type, e.g. <c>step.completed</c>; see <see cref="RunEventTypes"/>.</param>
/// <param name="At">When the event happened.</param>
/// <param name="StepId">The step the event is about, if any.</param>
/// <param name="Data">The event's payload.</param>
internal sealed record RunEvent(long Seq, string Type, DateTimeOffset At, string? StepId, JsonElement? Data)
{
    /// <summary>Reads an integer property of <see cref="Data"/>.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value, or <see langword="null"/> when absent or not an integer.</returns>
    public int? GetInt32(string name) =>
        Data is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt32(out var number)
            ? number
            : null;

    /// <summary>Reads a property of <see cref="Data"/>.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public JsonElement? Get(string name) =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(name, out var value) ? value : null;
}
