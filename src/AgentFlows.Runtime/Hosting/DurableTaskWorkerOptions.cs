namespace AgentFlows.Hosting;

/// <summary>How a host's worker takes and runs work; the names follow host.json's <c>extensions.durableTask</c>.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Gets or sets this worker's id, recorded with its locks.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Gets or sets the most orchestration episodes run at once (default 10 × cores).</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Gets or sets the most activities run at once (default 10 × cores).</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Gets or sets how long an orchestration lock lasts; a dead host's work is taken over after it.</summary>
    public TimeSpan OrchestrationLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long an activity lock lasts; running activities renew it at half-time.</summary>
    public TimeSpan ActivityLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the longest idle wait between polls when no wake-up arrives.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets a value indicating whether live orchestrations are kept in memory between episodes.</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>Gets or sets how long an idle live orchestration stays in memory.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the most live orchestrations kept in memory.</summary>
    public int MaxCachedSessions { get; set; } = 10_000;

    /// <summary>Gets or sets how long a stopping host waits for in-flight work before canceling it.</summary>
    public TimeSpan GracefulStopTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Gets or sets the version new instances start with and the version this worker runs (host.json
    /// <c>defaultVersion</c>); empty means unversioned.
    /// </summary>
    public string DefaultVersion { get; set; } = string.Empty;

    /// <summary>Gets or sets which instances this worker runs, by version (default <see cref="VersionMatchStrategy.None"/>: all).</summary>
    public VersionMatchStrategy VersionMatchStrategy { get; set; } = VersionMatchStrategy.None;

    /// <summary>Gets or sets what happens to an instance the match strategy refuses (default <see cref="VersionFailureStrategy.Reject"/>).</summary>
    public VersionFailureStrategy VersionFailureStrategy { get; set; } = VersionFailureStrategy.Reject;

    /// <summary>Gets or sets how long a rejected work item stays out of reach before any host may take it again, so rejecting does not spin.</summary>
    public TimeSpan VersionRejectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Positive(MaxConcurrentOrchestratorFunctions, "maxConcurrentOrchestratorFunctions");
        Positive(MaxConcurrentActivityFunctions, "maxConcurrentActivityFunctions");
        Positive(MaxCachedSessions, nameof(MaxCachedSessions));
        if (!Enum.IsDefined(VersionMatchStrategy) || !Enum.IsDefined(VersionFailureStrategy))
        {
            throw new ArgumentOutOfRangeException(nameof(VersionMatchStrategy), "versionMatchStrategy must be None, Strict or CurrentOrOlder; versionFailureStrategy Reject or Fail.");
        }

        if (OrchestrationLease <= TimeSpan.Zero || ActivityLease <= TimeSpan.Zero || MaxQueuePollingInterval <= TimeSpan.Zero || VersionRejectDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OrchestrationLease), "Leases, the polling interval and the version reject delay must be positive.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive integer.");
        }
    }
}
