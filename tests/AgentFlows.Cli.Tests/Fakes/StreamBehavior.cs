namespace AgentFlows.Cli.Tests.Fakes;

/// <summary>How the fake server's event stream misbehaves for a run.</summary>
internal enum StreamBehavior
{
    /// <summary>Sends every event, then closes.</summary>
    Normal,

    /// <summary>
    /// The first connection sends events up to <see cref="FakeRun.DropAfterSeq"/> and half of the next line, waits
    /// until the client has read them (<see cref="FakeRun.SecondFetch"/>), then aborts the connection.
    /// </summary>
    AbortOnce,

    /// <summary>The first connection sends events up to <see cref="FakeRun.DropAfterSeq"/> and then ends cleanly.</summary>
    EndEarlyOnce,

    /// <summary>Every connection sends its headers and aborts before any event.</summary>
    AlwaysAbort,

    /// <summary>Before the event after <c>approval.requested</c>, waits until the run is approved.</summary>
    WaitForApproval,
}
