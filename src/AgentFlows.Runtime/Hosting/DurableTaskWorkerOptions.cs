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

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Positive(MaxConcurrentOrchestratorFunctions, "maxConcurrentOrchestratorFunctions");
        Positive(MaxConcurrentActivityFunctions, "maxConcurrentActivityFunctions");
        Positive(MaxCachedSessions, nameof(MaxCachedSessions));
        if (OrchestrationLease <= TimeSpan.Zero || ActivityLease <= TimeSpan.Zero || MaxQueuePollingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OrchestrationLease), "Leases and the polling interval must be positive.");
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
