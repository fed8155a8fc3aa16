using System.Text.Json;

namespace AgentFlows.Cli.Api;

/// <summary>One step of a run's plan with its progress.</summary>
/// <param name="Id">The step id.</param>
/// <param name="Tool">The tool the step calls.</param>
internal sealed record RunStep(string Id, string? Tool)
{
    /// <summary>Gets the step's status.</summary>
    public string? Status { get; init; }

    /// <summary>Gets how many times the step was attempted.</summary>
    public int? Attempts { get; init; }

    /// <summary>Gets the step's output once it completed.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Gets the step's error once it failed.</summary>
    public JsonElement? Error { get; init; }

    /// <summary>Gets when the step first started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the step ended.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
