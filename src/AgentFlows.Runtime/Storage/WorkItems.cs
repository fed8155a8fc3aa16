using AgentFlows.History;

namespace AgentFlows.Storage;

/// <summary>An orchestration instance locked by one worker, with the inbox messages to apply.</summary>
public sealed record OrchestrationWorkItem
{
    /// <summary>Gets the instance row as read when locked; its <see cref="InstanceRecord.Version"/> fences the checkpoint.</summary>
    public required InstanceRecord Instance { get; init; }

    /// <summary>Gets the visible messages, in commit order. For a Suspended instance only resume and terminate messages are returned.</summary>
    public required IReadOnlyList<OrchestrationMessage> Messages { get; init; }

    /// <summary>Gets the lock token that must accompany the checkpoint.</summary>
    public required string LockToken { get; init; }

    /// <summary>Gets when the lease runs out unless renewed.</summary>
    public required DateTime LockedUntil { get; init; }
}

/// <summary>One activity attempt locked by one worker.</summary>
public sealed record ActivityWorkItem
{
    /// <summary>Gets the store id of the activity message.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the activity message.</summary>
    public required ActivityMessage Message { get; init; }

    /// <summary>Gets the lock token.</summary>
    public required string LockToken { get; init; }

    /// <summary>Gets when the lease runs out unless renewed.</summary>
    public required DateTime LockedUntil { get; init; }

    /// <summary>Gets how many times this message has been locked (1 on the first delivery).</summary>
    public int DequeueCount { get; init; }
}

/// <summary>Everything one episode of one instance produced, committed atomically.</summary>
public sealed record OrchestrationCheckpoint
{
    /// <summary>Gets the new instance row (its Version is ignored: the store increments the read version).</summary>
    public required InstanceRecord Instance { get; init; }

    /// <summary>Gets the events to append (or the whole new history when <see cref="ReplaceHistory"/> is set).</summary>
    public IReadOnlyList<HistoryEvent> NewHistory { get; init; } = [];

    /// <summary>Gets a value indicating whether the stored history is replaced (continue-as-new, rewind) rather than appended to.</summary>
    public bool ReplaceHistory { get; init; }

    /// <summary>Gets messages for orchestration inboxes (this or other instances; timers carry a future VisibleAt). Messages to instances that do not exist are dropped.</summary>
    public IReadOnlyList<OrchestrationMessage> OrchestratorMessages { get; init; } = [];

    /// <summary>Gets activities to schedule.</summary>
    public IReadOnlyList<ActivityMessage> ActivityMessages { get; init; } = [];

    /// <summary>Gets sub-orchestrations to create: inserted when absent, reset when terminal, left alone (start message still delivered) otherwise.</summary>
    public IReadOnlyList<NewInstance> NewInstances { get; init; } = [];
}

/// <summary>The kinds of work a dispatcher waits for.</summary>
public enum WorkItemKind
{
    /// <summary>Orchestration episodes.</summary>
    Orchestration,

    /// <summary>Activity attempts.</summary>
    Activity,
}

/// <summary>Thrown by a checkpoint or activity completion whose lease was lost (fencing).</summary>
public sealed class LeaseLostException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LeaseLostException"/> class.</summary>
    /// <param name="message">The message.</param>
    public LeaseLostException(string message)
        : base(message)
    {
    }
}
