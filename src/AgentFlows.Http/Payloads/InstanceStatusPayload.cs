using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AgentFlows.Client;
using AgentFlows.Http.Internal;

namespace AgentFlows.Http.Payloads;

/// <summary>
/// One instance's status as Durable Functions' <c>StatusResponsePayload</c> writes it: the fields in its order, times
/// at second precision, payloads as parsed JSON, and <c>historyEvents</c> only when requested.
/// </summary>
public sealed record InstanceStatusPayload
{
    /// <summary>Gets the orchestrator name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets the instance id.</summary>
    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; init; }

    /// <summary>Gets the runtime status name (<c>Running</c>, <c>Completed</c>, …).</summary>
    [JsonPropertyName("runtimeStatus")]
    public required string RuntimeStatus { get; init; }

    /// <summary>Gets the input, or null (always null when <c>showInput=false</c>).</summary>
    [JsonPropertyName("input")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonNode? Input { get; init; }

    /// <summary>Gets the custom status, or null.</summary>
    [JsonPropertyName("customStatus")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonNode? CustomStatus { get; init; }

    /// <summary>Gets the output, the terminate reason, or <c>"ErrorType: ErrorMessage"</c> for a Failed instance.</summary>
    [JsonPropertyName("output")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonNode? Output { get; init; }

    /// <summary>Gets the creation time, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    [JsonPropertyName("createdTime")]
    public required string CreatedTime { get; init; }

    /// <summary>Gets the last update time, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    [JsonPropertyName("lastUpdatedTime")]
    public required string LastUpdatedTime { get; init; }

    /// <summary>Gets the shaped history (see <see cref="HistoryShaper"/>), or null when not requested.</summary>
    [JsonPropertyName("historyEvents")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? HistoryEvents { get; init; }

    /// <summary>Builds the payload of an instance read with its inputs and outputs.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="showInput">False to leave <see cref="Input"/> null.</param>
    /// <param name="historyEvents">The shaped history, or null to leave it out.</param>
    /// <returns>The payload.</returns>
    public static InstanceStatusPayload From(OrchestrationMetadata instance, bool showInput = true, JsonArray? historyEvents = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new InstanceStatusPayload
        {
            Name = instance.Name,
            InstanceId = instance.InstanceId,
            RuntimeStatus = instance.RuntimeStatus.ToString(),
            Input = showInput ? JsonPayload.Parse(instance.SerializedInput) : null,
            CustomStatus = JsonPayload.Parse(instance.SerializedCustomStatus),
            Output = OutputOf(instance),
            CreatedTime = Timestamps.Seconds(instance.CreatedAt),
            LastUpdatedTime = Timestamps.Seconds(instance.LastUpdatedAt),
            HistoryEvents = historyEvents,
        };
    }

    /// <summary>The output as Durable Functions shows it: <c>"ErrorType: ErrorMessage"</c> for a Failed instance, else the stored output.</summary>
    /// <param name="instance">The instance.</param>
    /// <returns>The output JSON, or null.</returns>
    public static JsonNode? OutputOf(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && instance.FailureDetails is { } failure
            ? JsonValue.Create(failure.ToString())
            : JsonPayload.Parse(instance.SerializedOutput);
    }
}
