namespace AgentFlows;

/// <summary>Thrown when an operation is not allowed in the instance's current status (for example raising an event to a completed instance).</summary>
public sealed class OrchestrationStateException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="OrchestrationStateException"/> class.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="status">The instance's current status.</param>
    /// <param name="operation">The refused operation.</param>
    public OrchestrationStateException(string instanceId, OrchestrationRuntimeStatus status, string operation)
        : base($"Cannot {operation} orchestration instance '{instanceId}' because it is {status}.")
    {
        InstanceId = instanceId;
        Status = status;
        Operation = operation;
    }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the instance's status when the operation was refused.</summary>
    public OrchestrationRuntimeStatus Status { get; }

    /// <summary>Gets the refused operation.</summary>
    public string Operation { get; }
}
