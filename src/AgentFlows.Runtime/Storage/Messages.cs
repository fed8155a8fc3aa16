using AgentFlows.History;

namespace AgentFlows.Storage;

/// <summary>A message in an orchestration instance's inbox: an event to apply in a later episode.</summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="Event">The event (ExecutionStarted, TaskCompleted, TimerFired, EventRaised, ExecutionTerminated, …).</param>
/// <param name="VisibleAt">When the message may be processed (future for durable timers).</param>
public sealed record OrchestrationMessage(string InstanceId, HistoryEvent Event, DateTime VisibleAt)
{
    /// <summary>Gets the store-assigned sequence (commit order); 0 until stored.</summary>
    public long Sequence { get; init; }
}

/// <summary>A request to run one activity attempt.</summary>
/// <param name="InstanceId">The calling instance.</param>
/// <param name="ExecutionId">The calling execution.</param>
/// <param name="Event">The TaskScheduled event (name, input, sequence number, attempt).</param>
public sealed record ActivityMessage(string InstanceId, string ExecutionId, HistoryEvent Event);

/// <summary>A sub-orchestration to create in the same checkpoint as the parent's decision to start it.</summary>
/// <param name="Instance">The new instance row (Pending).</param>
/// <param name="Start">Its ExecutionStarted message.</param>
public sealed record NewInstance(InstanceRecord Instance, OrchestrationMessage Start);
