namespace AgentFlows.Storage;

/// <summary>The stored row of one orchestration instance.</summary>
public sealed record InstanceRecord
{
    /// <summary>Gets the instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Gets the orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the current execution id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Gets the runtime status.</summary>
    public required OrchestrationRuntimeStatus Status { get; init; }

    /// <summary>Gets the input JSON.</summary>
    public string? Input { get; init; }

    /// <summary>Gets the output JSON (for Failed, the failure text; for Terminated, the reason).</summary>
    public string? Output { get; init; }

    /// <summary>Gets the custom status JSON.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Gets the failure of a Failed instance.</summary>
    public FailureDetails? FailureDetails { get; init; }

    /// <summary>Gets when the instance was created.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>Gets when the instance last changed.</summary>
    public required DateTime LastUpdatedAt { get; init; }

    /// <summary>Gets when the instance reached a terminal status.</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>Gets the parent instance id of a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>Gets the tags.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>
    /// Gets the fencing version: incremented by every checkpoint. A checkpoint commits only if the stored version
    /// still equals the version its work item read.
    /// </summary>
    public long Version { get; init; }
}
