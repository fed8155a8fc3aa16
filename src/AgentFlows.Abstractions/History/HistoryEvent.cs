using System.Text.Json.Serialization;

namespace AgentFlows.History;

/// <summary>
/// One entry of an orchestration's append-only history, or a message on its way to one. A flat record (like the
/// Durable Task gRPC contract's oneof) so it stores as one JSON document; only the fields of its type are set.
/// </summary>
public sealed record HistoryEvent
{
    /// <summary>Gets the event type.</summary>
    public required EventType EventType { get; init; }

    /// <summary>Gets the sequence number of the call this event records (-1 when not a call).</summary>
    public int EventId { get; init; } = -1;

    /// <summary>Gets when the event was recorded (UTC).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>Gets the orchestrator, activity, sub-orchestrator or event name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>Gets the input (JSON), the terminate reason, or the event payload.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Input { get; init; }

    /// <summary>Gets the result (JSON) of a call or of the execution.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Result { get; init; }

    /// <summary>Gets the sequence number of the call a completion or failure refers to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TaskScheduledId { get; init; }

    /// <summary>Gets the attempt number of a call (1 for the first; retries share the call's sequence number).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Attempt { get; init; }

    /// <summary>Gets the sequence number of the timer that fired.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimerId { get; init; }

    /// <summary>Gets when a timer fires.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? FireAt { get; init; }

    /// <summary>Gets the target or child instance id (EventSent, SubOrchestrationInstanceCreated).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceId { get; init; }

    /// <summary>Gets the execution id this event belongs to (ExecutionStarted; messages addressed to one execution).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExecutionId { get; init; }

    /// <summary>Gets the reason of a failure, suspend, resume or rewind.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>Gets the failure details of a failed call or execution.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FailureDetails? FailureDetails { get; init; }

    /// <summary>Gets the final status recorded by ExecutionCompleted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OrchestrationRuntimeStatus? OrchestrationStatus { get; init; }

    /// <summary>
    /// Gets the orchestration version: on ExecutionStarted, the version the instance started with (host.json
    /// <c>defaultVersion</c> or the start request's); on SubOrchestrationInstanceCreated, the child's.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }

    /// <summary>Gets the parent of a sub-orchestration (ExecutionStarted).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParentOrchestrationInstance? ParentInstance { get; init; }

    /// <summary>Gets tags recorded with a call or an execution.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Gets the W3C trace context that links this event into its run's trace.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    /// <summary>Gets a value indicating whether a terminate cascades to sub-orchestrations.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Recurse { get; init; }

    /// <summary>Gets a value indicating whether this event is a retry timer of the call <see cref="EventId"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsRetryTimer { get; init; }
}
