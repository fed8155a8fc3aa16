using AgentFlows.History;

namespace AgentFlows.Client;

/// <summary>Starts, inspects and controls orchestration instances; shaped like Microsoft.DurableTask's client.</summary>
/// <remarks>
/// Terminate, suspend, resume, rewind and raise-event are queued: they return once the request is durable, and the
/// instance changes status when a worker applies it.
/// </remarks>
public abstract class DurableTaskClient
{
    /// <summary>Starts a new instance.</summary>
    /// <param name="orchestratorName">A registered orchestrator name.</param>
    /// <param name="input">The input, serialized to JSON.</param>
    /// <param name="options">Instance id, start time, tags and deduplication.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance id.</returns>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an instance, or null when it does not exist.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Include input, output and custom status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance or null.</returns>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Gets the history of an instance's current execution.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events, oldest first; throws <see cref="OrchestrationNotFoundException"/> for an unknown id.</returns>
    public abstract Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Lists instances, newest first, one page at a time.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page.</returns>
    public abstract Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance has started (or finished).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Include payloads.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The instance.</returns>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance is terminal.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Include payloads.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The instance.</returns>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Sends an external event to an instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="eventPayload">The payload.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Terminates an instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="options">Reason and recursion.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public abstract Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Suspends an instance; events that arrive meanwhile are held.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Rewinds a Failed instance: failed calls are forgotten and re-run, completed ones are kept.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task; throws <see cref="OrchestrationStateException"/> unless the instance is Failed.</returns>
    public abstract Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Starts a new instance with the same orchestrator and input.</summary>
    /// <param name="instanceId">The instance to restart.</param>
    /// <param name="restartWithNewInstanceId">Use a new id; otherwise the same id (the old instance must be terminal).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new instance id.</returns>
    public abstract Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default);

    /// <summary>Removes a terminal instance and its history.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="options">Recursion.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many instances were removed (0 when it did not exist).</returns>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Removes terminal instances matching a filter.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many instances were removed.</returns>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);
}
