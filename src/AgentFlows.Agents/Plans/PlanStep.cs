using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentFlows.Agents.Plans;

/// <summary>One step of a plan: a tool call whose arguments may refer to earlier steps' outputs.</summary>
public sealed class PlanStep
{
    private readonly JsonObject _args = [];
    private readonly IReadOnlyList<string> _dependsOn = [];

    /// <summary>Gets the step id, unique in its plan (letters, digits, <c>_</c>, <c>-</c> and <c>.</c>).</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Gets the tool name.</summary>
    [JsonPropertyName("tool")]
    public string Tool { get; init; } = "";

    /// <summary>Gets the arguments; any string in them may hold <c>{steps.&lt;id&gt;.output}</c> or <c>{step_N_output}</c>.</summary>
    [JsonPropertyName("args")]
    public JsonObject Args { get => _args; init => _args = value ?? []; }

    /// <summary>Gets the ids of the steps that must complete first (references add to these implicitly).</summary>
    [JsonPropertyName("dependsOn")]
    public IReadOnlyList<string> DependsOn { get => _dependsOn; init => _dependsOn = value ?? []; }
}
