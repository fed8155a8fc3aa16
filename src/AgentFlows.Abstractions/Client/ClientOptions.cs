namespace AgentFlows.Client;

/// <summary>Options for starting an orchestration.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>Gets the instance id; a new GUID (32 hex digits) when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Gets when the instance may start; now when null.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Gets tags stored with the instance.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>
    /// Gets the orchestration version the instance starts with; the client's default version (host.json
    /// <c>extensions.durableTask.defaultVersion</c>) when null.
    /// </summary>
    public string? Version { get; init; }

    /// <summary>
    /// Gets the statuses in which an existing instance with the same id makes the start a no-op that returns the
    /// existing id (deduplication). Statuses not listed here and not terminal make the start fail with
    /// <see cref="OrchestrationAlreadyExistsException"/>; terminal ones are replaced.
    /// </summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? DedupeStatuses { get; init; }
}

/// <summary>Options for terminating an instance.</summary>
/// <param name="Output">The reason, recorded as the output.</param>
/// <param name="Recursive">Also terminate running sub-orchestrations.</param>
public sealed record TerminateInstanceOptions(object? Output = null, bool Recursive = false);

/// <summary>Options for purging one instance.</summary>
/// <param name="Recursive">Also purge its sub-orchestrations.</param>
public sealed record PurgeInstanceOptions(bool Recursive = false);

/// <summary>Which instances a bulk purge removes (only terminal ones are ever removed).</summary>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created at or before; now when null.</param>
/// <param name="Statuses">Only these statuses; all terminal statuses when null.</param>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>The outcome of a purge.</summary>
/// <param name="PurgedInstanceCount">How many instances were removed.</param>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>A query over instances.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Gets the lower bound on the creation time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Gets the upper bound on the creation time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Gets the statuses to include; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Gets the instance id prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Gets the page size (1 to 1000; default 100).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Gets a value indicating whether inputs, outputs and custom status are returned.</summary>
    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>Gets the continuation token from the previous page.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>One page of a query.</summary>
/// <param name="Items">The instances, newest first.</param>
/// <param name="ContinuationToken">The token for the next page, or null on the last page.</param>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Items, string? ContinuationToken);
