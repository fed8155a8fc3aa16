namespace AgentFlows;

/// <summary>Options for scheduling an activity or sub-orchestration.</summary>
public class TaskOptions
{
    /// <summary>Initializes a new instance of the <see cref="TaskOptions"/> class.</summary>
    /// <param name="retry">The retry policy, if any.</param>
    public TaskOptions(RetryPolicy? retry = null)
    {
        Retry = retry;
    }

    /// <summary>Gets the retry policy, if any.</summary>
    public RetryPolicy? Retry { get; }

    /// <summary>Gets or sets tags recorded with the scheduled task.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Gets or sets the version a sub-orchestration starts with; the parent's version when null (ignored for activities).</summary>
    public string? Version { get; init; }

    /// <summary>Creates options with a retry policy.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The options.</returns>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);

    /// <summary>Creates sub-orchestration options with this retry policy and an explicit instance id.</summary>
    /// <param name="instanceId">The child instance id.</param>
    /// <returns>The options.</returns>
    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(Retry) { InstanceId = instanceId, Tags = Tags, Version = Version };
}

/// <summary>Options for scheduling a sub-orchestration.</summary>
public sealed class SubOrchestrationOptions : TaskOptions
{
    /// <summary>Initializes a new instance of the <see cref="SubOrchestrationOptions"/> class.</summary>
    /// <param name="retry">The retry policy, if any.</param>
    public SubOrchestrationOptions(RetryPolicy? retry = null)
        : base(retry)
    {
    }

    /// <summary>Gets or sets the child instance id; by default a deterministic new GUID.</summary>
    public string? InstanceId { get; init; }
}
