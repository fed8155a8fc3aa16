using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlows.Agents.Plans;

/// <summary>A plan: a directed acyclic graph of tool steps, listed in plan order.</summary>
public sealed class Plan
{
    private static readonly JsonSerializerOptions _jsonOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IReadOnlyList<PlanStep> _steps = [];

    /// <summary>Gets the steps in plan order; <c>{step_N_output}</c> counts from 1 in this order.</summary>
    [JsonPropertyName("steps")]
    public IReadOnlyList<PlanStep> Steps { get => _steps; init => _steps = value ?? []; }

    /// <summary>Reads a plan from its JSON form (CONTRACT §4).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="JsonException">The text is not a plan.</exception>
    public static Plan FromJson(string json) =>
        JsonSerializer.Deserialize<Plan>(json, _jsonOptions) ?? throw new JsonException("The plan is null.");

    /// <summary>Writes the plan's JSON form (camelCase).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, _jsonOptions);
}
