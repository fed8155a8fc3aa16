using AgentFlows.Client;
using AgentFlows.History;

namespace AgentFlows.Storage;

/// <summary>
/// The storage contract: narrow and work-item shaped (lock next, complete atomically, abandon, renew). Every
/// provider passes the same conformance suite.
/// </summary>
/// <remarks>
/// Correctness rules: a checkpoint is one transaction (history + produced messages + consumed messages + instance
/// row) and commits only if the instance is still at the version and lock token its work item read; an activity
/// completion commits only while its lease is held and is otherwise discarded.
/// </remarks>
public interface IOrchestrationStore
{
    /// <summary>Creates or migrates the schema; safe to call concurrently from several hosts.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an instance (Pending) and enqueues its ExecutionStarted message in one transaction. An existing
    /// terminal instance is replaced; an existing instance whose status is in <paramref name="dedupeStatuses"/> is
    /// left alone and false is returned; any other existing instance throws <see cref="OrchestrationAlreadyExistsException"/>.
    /// </summary>
    /// <param name="instance">The row.</param>
    /// <param name="start">The ExecutionStarted message.</param>
    /// <param name="dedupeStatuses">Statuses that make the call a no-op.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when created, false when deduplicated.</returns>
    Task<bool> CreateInstanceAsync(
        InstanceRecord instance, OrchestrationMessage start, IReadOnlyCollection<OrchestrationRuntimeStatus>? dedupeStatuses, CancellationToken cancellationToken = default);

    /// <summary>Enqueues a message for an existing instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>False when the instance does not exist.</returns>
    Task<bool> SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance row.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="includePayloads">Include input, output and custom status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The row or null.</returns>
    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>Reads the history of an instance, oldest first (empty when unknown).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Lists instances newest first (created time, then id), filtered and paged.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of rows and the token of the next page (null on the last).</returns>
    Task<(IReadOnlyList<InstanceRecord> Items, string? ContinuationToken)> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes a terminal instance with its history and pending messages.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>1 when deleted, 0 when unknown; throws <see cref="OrchestrationStateException"/> when not terminal.</returns>
    Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes terminal instances matching a filter.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Locks the next instance that has visible messages and no live lease.</summary>
    /// <param name="workerId">Who locks (for diagnostics).</param>
    /// <param name="lease">How long the lock lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The work item or null.</returns>
    Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Commits an episode and releases the lock; throws <see cref="LeaseLostException"/> when fenced out (nothing is written).</summary>
    /// <param name="workItem">The work item.</param>
    /// <param name="checkpoint">What the episode produced; the work item's messages are consumed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new fencing version.</returns>
    Task<long> CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Releases the lock without consuming anything.</summary>
    /// <param name="workItem">The work item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease; throws <see cref="LeaseLostException"/> when it was already lost.</summary>
    /// <param name="workItem">The work item.</param>
    /// <param name="lease">The new lease length from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The work item with its new expiry.</returns>
    Task<OrchestrationWorkItem> RenewOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Locks up to <paramref name="maxCount"/> activity attempts with no live lease, oldest first.</summary>
    /// <param name="workerId">Who locks.</param>
    /// <param name="lease">The lease length.</param>
    /// <param name="maxCount">The most to lock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The work items (possibly empty).</returns>
    Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(string workerId, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the activity message and enqueues its result (TaskCompleted or TaskFailed) for the instance, in one
    /// transaction. When the lease was lost the result is discarded and false is returned.
    /// </summary>
    /// <param name="workItem">The work item.</param>
    /// <param name="result">The result message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the result was recorded.</returns>
    Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default);

    /// <summary>Releases an activity lock so the attempt is delivered again.</summary>
    /// <param name="workItem">The work item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default);

    /// <summary>Extends an activity lease; throws <see cref="LeaseLostException"/> when it was already lost.</summary>
    /// <param name="workItem">The work item.</param>
    /// <param name="lease">The new lease length from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The work item with its new expiry.</returns>
    Task<ActivityWorkItem> RenewActivityAsync(ActivityWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until work of <paramref name="kind"/> may be available: new work was committed, a timer or lease is
    /// due, or <paramref name="maxWait"/> passed. Never throws on timeout.
    /// </summary>
    /// <param name="kind">The kind of work.</param>
    /// <param name="maxWait">The longest wait.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <returns>A task.</returns>
    Task WaitForWorkAsync(WorkItemKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default);
}
