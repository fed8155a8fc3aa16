namespace AgentFlows;

/// <summary>Thrown when starting an instance id that already exists in a state that may not be replaced.</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="OrchestrationAlreadyExistsException"/> class.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="status">The existing instance's status.</param>
    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"An orchestration with instance id '{instanceId}' already exists and is {status}.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the existing instance's status.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
