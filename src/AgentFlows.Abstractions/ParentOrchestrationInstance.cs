namespace AgentFlows;

/// <summary>Identifies the orchestration that started a sub-orchestration.</summary>
/// <param name="Name">The parent orchestrator name.</param>
/// <param name="InstanceId">The parent instance id.</param>
/// <param name="ExecutionId">The parent execution id.</param>
/// <param name="TaskScheduledId">The sequence number of the call in the parent.</param>
public sealed record ParentOrchestrationInstance(string Name, string InstanceId, string ExecutionId, int TaskScheduledId);
