namespace AgentFlows;

/// <summary>The runtime status of an orchestration instance; names and numbers match Durable Functions.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Started and not finished; also while it waits on timers or events.</summary>
    Running = 0,

    /// <summary>Returned normally.</summary>
    Completed = 1,

    /// <summary>Transient: the instance restarted itself with a new history.</summary>
    ContinuedAsNew = 2,

    /// <summary>Failed with an unhandled exception.</summary>
    Failed = 3,

    /// <summary>Legacy status kept for wire compatibility; never produced.</summary>
    Canceled = 4,

    /// <summary>Stopped through terminate.</summary>
    Terminated = 5,

    /// <summary>Scheduled but not yet started.</summary>
    Pending = 6,

    /// <summary>Suspended; new events are held until it is resumed.</summary>
    Suspended = 7,
}

/// <summary>Helpers over <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for Completed, Failed, Terminated and Canceled: the instance will not run again by itself.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Whether the status is terminal.</returns>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) => status is
        OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
}
