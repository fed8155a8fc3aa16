using AgentFlows.History;

namespace AgentFlows.Execution;

// Completion sources here run continuations inline on purpose: they are completed on the episode thread with the
// orchestrator's synchronization context current, so continuations (including those inside Task.WhenAny/WhenAll)
// run there, in order. Asynchronous continuations would escape to the thread pool and break determinism.

/// <summary>An activity or sub-orchestration call that has not finished, with its retry state.</summary>
internal sealed class OpenCall(EventType scheduledType, int id, string name, string? input, RetryPolicy? retry, DateTime firstAttemptAt)
{
    public EventType ScheduledType { get; } = scheduledType;

    public int Id { get; } = id;

    public string Name { get; } = name;

    public string? Input { get; } = input;

    public RetryPolicy? Retry { get; } = retry;

    public DateTime FirstAttemptAt { get; } = firstAttemptAt;

    public int Attempt { get; set; } = 1;

    public string? ChildInstanceId { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public string? Version { get; init; }

    public CallSite Site { get; init; }

    public bool WaitingForRetry { get; set; }

    public TaskCompletionSource<string?> Completion { get; } = new();

    public bool IsSubOrchestration => ScheduledType == EventType.SubOrchestrationInstanceCreated;
}

/// <summary>A durable timer that has not fired.</summary>
internal sealed class OpenTimer(int id, DateTime fireAt)
{
    public int Id { get; } = id;

    public DateTime FireAt { get; } = fireAt;

    public TaskCompletionSource Completion { get; } = new();
}

/// <summary>A caller of WaitForExternalEvent still waiting.</summary>
internal sealed class EventWaiter
{
    public TaskCompletionSource<string?> Completion { get; } = new();
}
