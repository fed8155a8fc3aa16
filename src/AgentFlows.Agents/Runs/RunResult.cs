using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentFlows.Agents.Runs;

/// <summary>The output of a completed run.</summary>
public sealed record RunResult
{
    /// <summary>Gets the output of the plan's last step (in plan order), the run's answer.</summary>
    [JsonPropertyName("result")]
    public JsonNode? Result { get; init; }

    /// <summary>Gets every step's output by step id (null for skipped steps and waits).</summary>
    [JsonPropertyName("outputs")]
    public Dictionary<string, JsonNode?> Outputs { get; init; } = [];
}

/// <summary>What the planning activity returns.</summary>
/// <param name="Plan">The validated plan.</param>
/// <param name="Planner">Which planner planned (<c>pattern</c> or <c>llm</c>).</param>
/// <param name="Reason">Why that planner was chosen.</param>
public sealed record PlanOutcome(
    [property: JsonPropertyName("plan")] Plans.Plan Plan,
    [property: JsonPropertyName("planner")] string Planner,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>The input of the planning activity.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="Planner">The requested planner.</param>
/// <param name="Tenant">The tenant.</param>
public sealed record PlanInput(
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("planner")] string? Planner,
    [property: JsonPropertyName("tenant")] string? Tenant);

/// <summary>Thrown when an approver aborts the run.</summary>
public sealed class RunAbortedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RunAbortedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public RunAbortedException(string message)
        : base(message)
    {
    }
}
