namespace AgentFlows.Hosting;

/// <summary>Which instances a worker runs, by their version (host.json <c>versionMatchStrategy</c>, as in Durable Functions).</summary>
public enum VersionMatchStrategy
{
    /// <summary>Run every instance whatever its version.</summary>
    None = 0,

    /// <summary>Run only instances whose version equals the worker's <see cref="DurableTaskWorkerOptions.DefaultVersion"/>.</summary>
    Strict = 1,

    /// <summary>Run instances whose version is the worker's or older.</summary>
    CurrentOrOlder = 2,
}

/// <summary>What a worker does with an instance its match strategy refuses (host.json <c>versionFailureStrategy</c>).</summary>
public enum VersionFailureStrategy
{
    /// <summary>Leave it untouched for a host that can run it (the work item is put back after <see cref="DurableTaskWorkerOptions.VersionRejectDelay"/>).</summary>
    Reject = 0,

    /// <summary>Fail the instance with a <c>VersionMismatch</c> failure.</summary>
    Fail = 1,
}
