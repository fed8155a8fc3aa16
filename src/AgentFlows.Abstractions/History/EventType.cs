namespace AgentFlows.History;

/// <summary>History event types; names and numbers are those of the Durable Task Framework.</summary>
public enum EventType
{
    /// <summary>The execution started.</summary>
    ExecutionStarted = 0,

    /// <summary>The execution finished (completed, failed or continued as new).</summary>
    ExecutionCompleted = 1,

    /// <summary>Legacy; unused.</summary>
    ExecutionFailed = 2,

    /// <summary>The execution was terminated.</summary>
    ExecutionTerminated = 3,

    /// <summary>An activity was scheduled.</summary>
    TaskScheduled = 4,

    /// <summary>An activity completed.</summary>
    TaskCompleted = 5,

    /// <summary>An activity failed.</summary>
    TaskFailed = 6,

    /// <summary>A sub-orchestration was created.</summary>
    SubOrchestrationInstanceCreated = 7,

    /// <summary>A sub-orchestration completed.</summary>
    SubOrchestrationInstanceCompleted = 8,

    /// <summary>A sub-orchestration failed.</summary>
    SubOrchestrationInstanceFailed = 9,

    /// <summary>A durable timer was created.</summary>
    TimerCreated = 10,

    /// <summary>A durable timer fired.</summary>
    TimerFired = 11,

    /// <summary>An episode started; its timestamp is the replay-safe current time.</summary>
    OrchestratorStarted = 12,

    /// <summary>An episode ended.</summary>
    OrchestratorCompleted = 13,

    /// <summary>An event was sent to another instance.</summary>
    EventSent = 14,

    /// <summary>An external event arrived.</summary>
    EventRaised = 15,

    /// <summary>The execution continued as new.</summary>
    ContinueAsNew = 16,

    /// <summary>A generic event.</summary>
    GenericEvent = 17,

    /// <summary>A state snapshot.</summary>
    HistoryState = 18,

    /// <summary>The execution was suspended.</summary>
    ExecutionSuspended = 19,

    /// <summary>The execution was resumed.</summary>
    ExecutionResumed = 20,

    /// <summary>A failed execution was rewound.</summary>
    ExecutionRewound = 21,
}
