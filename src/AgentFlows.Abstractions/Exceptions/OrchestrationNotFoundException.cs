namespace AgentFlows;

/// <summary>Thrown when an operation names an instance id that does not exist.</summary>
public sealed class OrchestrationNotFoundException : ArgumentException
{
    /// <summary>Initializes a new instance of the <see cref="OrchestrationNotFoundException"/> class.</summary>
    /// <param name="instanceId">The instance id.</param>
    public OrchestrationNotFoundException(string instanceId)
        : base($"No orchestration instance with id '{instanceId}' exists.", nameof(instanceId))
    {
        InstanceId = instanceId;
    }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }
}
