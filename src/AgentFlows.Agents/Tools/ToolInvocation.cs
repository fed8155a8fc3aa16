using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentFlows.Agents.Tools;

/// <summary>The input of a tool activity: resolved arguments and who the call is for.</summary>
public sealed class ToolInvocation
{
    private readonly JsonObject _args = [];

    /// <summary>Gets the arguments, with every step reference already resolved.</summary>
    [JsonPropertyName("args")]
    public JsonObject Args { get => _args; init => _args = value ?? []; }

    /// <summary>Gets the tenant the run belongs to; tools that keep data keep it per tenant.</summary>
    [JsonPropertyName("tenant")]
    public string Tenant { get; init; } = "default";

    /// <summary>Gets the run id, when the call belongs to a run.</summary>
    [JsonPropertyName("runId")]
    public string? RunId { get; init; }

    /// <summary>Gets the step id, when the call belongs to a run.</summary>
    [JsonPropertyName("stepId")]
    public string? StepId { get; init; }

    /// <summary>
    /// Gets the version of the tool the orchestration asked for (from its tool registry), or null in histories written
    /// before versions were recorded. The input is stored with the call in history, so the run view can show which
    /// version ran each step, and a replay reads the same value back.
    /// </summary>
    [JsonPropertyName("toolVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToolVersion { get; init; }

    /// <summary>Gets a key that is the same for every attempt of one step of one run, or null outside a run.</summary>
    /// <remarks>Activities run at least once; a tool with side effects uses this to make a repeated attempt harmless.</remarks>
    [JsonIgnore]
    public string? IdempotencyKey => RunId is null || StepId is null ? null : $"{RunId}/{StepId}";
}
