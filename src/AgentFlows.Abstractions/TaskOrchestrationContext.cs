using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentFlows;

/// <summary>
/// What orchestrator code sees of its instance. Everything here is replay-safe: calls whose results are in history
/// complete from history, and time, ids and randomness come from the context.
/// </summary>
/// <remarks>
/// Orchestrator code is re-run from the start whenever a cold worker picks the instance up. It must not read the
/// clock, generate ids, do I/O, block, or await anything that did not come from this context.
/// </remarks>
public abstract partial class TaskOrchestrationContext
{
    /// <summary>Gets the orchestrator name.</summary>
    public abstract string Name { get; }

    /// <summary>Gets the instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Gets the parent when this instance runs as a sub-orchestration.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>Gets the replay-safe current time: when the current episode started.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Gets a value indicating whether the code is re-executing recorded history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Gets the logger factory used by <see cref="CreateReplaySafeLogger(string)"/>.</summary>
    protected virtual ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>Deserializes the instance input.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    /// <returns>The input, or default when there is none.</returns>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The input, serialized to JSON.</param>
    /// <param name="options">Retry and tags.</param>
    /// <param name="callerFilePath">Filled in by the compiler: where the call is, named in non-determinism errors.</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    /// <returns>The result; throws <see cref="TaskFailedException"/> when the activity failed.</returns>
    public abstract Task<TResult> CallActivityAsync<TResult>(
        string name, object? input = null, TaskOptions? options = null, [CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = 0);

    /// <summary>Schedules an activity and waits for it.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Retry and tags.</param>
    /// <param name="callerFilePath">Filled in by the compiler: where the call is, named in non-determinism errors.</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    /// <returns>A task that completes with the activity.</returns>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null, [CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = 0) =>
        CallActivityAsync<object?>(name, input, options, callerFilePath, callerLineNumber);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    /// <typeparam name="TResult">The output type.</typeparam>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Retry, tags and the child's instance id (<see cref="SubOrchestrationOptions"/>).</param>
    /// <param name="callerFilePath">Filled in by the compiler: where the call is, named in non-determinism errors.</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    /// <returns>The output; throws <see cref="TaskFailedException"/> when the child failed.</returns>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(
        string name, object? input = null, TaskOptions? options = null, [CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = 0);

    /// <summary>Starts a sub-orchestration and waits for it.</summary>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Options.</param>
    /// <param name="callerFilePath">Filled in by the compiler: where the call is, named in non-determinism errors.</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    /// <returns>A task that completes with the child.</returns>
    public Task CallSubOrchestratorAsync(string name, object? input = null, TaskOptions? options = null, [CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = 0) =>
        CallSubOrchestratorAsync<object?>(name, input, options, callerFilePath, callerLineNumber);

    /// <summary>Creates a durable timer that fires at <paramref name="fireAt"/>.</summary>
    /// <param name="fireAt">When the timer fires (UTC).</param>
    /// <param name="cancellationToken">Cancels the wait (the timer record stays in history).</param>
    /// <param name="callerFilePath">Filled in by the compiler: where the call is, named in non-determinism errors.</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken, [CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = 0);

    /// <summary>Creates a durable timer with a name recorded in history (an AgentFlows extension; readers such as event streams use it).</summary>
    /// <param name="fireAt">When the timer fires (UTC).</param>
    /// <param name="name">The name recorded on the TimerCreated event.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="callerFilePath">Filled in by the compiler: where the call is, named in non-determinism errors.</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public virtual Task CreateTimer(DateTime fireAt, string? name, CancellationToken cancellationToken, [CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = 0) =>
        CreateTimer(fireAt, cancellationToken, callerFilePath, callerLineNumber);

    /// <summary>Creates a durable timer that fires after <paramref name="delay"/>.</summary>
    /// <param name="delay">The delay.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="callerFilePath">Filled in by the compiler: where the call is, named in non-determinism errors.</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken, [CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = 0) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken, callerFilePath, callerLineNumber);

    /// <summary>Waits for an external event. Names are case-insensitive; events that arrive first are buffered.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The payload.</returns>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event with a durable timeout.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <param name="timeout">How long to wait; throws <see cref="TaskCanceledException"/> when it passes.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="callerFilePath">Filled in by the compiler: where the call is, named in non-determinism errors.</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    /// <returns>The payload.</returns>
    public async Task<T> WaitForExternalEvent<T>(
        string eventName, TimeSpan timeout, CancellationToken cancellationToken = default, [CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = 0)
    {
        using var timerCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCts.Token);
        var timerTask = CreateTimer(timeout, timerCts.Token, callerFilePath, callerLineNumber);
        var winner = await Task.WhenAny(eventTask, timerTask);
        if (winner == eventTask)
        {
            timerCts.Cancel();
            return await eventTask;
        }

        eventCts.Cancel();
        throw new TaskCanceledException($"Timed out after {timeout} waiting for external event '{eventName}'.");
    }

    /// <summary>Sends an event to another instance (dropped if the target does not exist).</summary>
    /// <param name="instanceId">The target instance.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="callerFilePath">Filled in by the compiler: where the call is, named in non-determinism errors.</param>
    /// <param name="callerLineNumber">Filled in by the compiler.</param>
    public abstract void SendEvent(string instanceId, string eventName, object? payload, [CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = 0);

    /// <summary>Sets the custom status shown by status queries.</summary>
    /// <param name="customStatus">The status object, serialized to JSON.</param>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts this instance with a new input and an empty history once the orchestrator returns.</summary>
    /// <param name="newInput">The new input.</param>
    /// <param name="preserveUnprocessedEvents">Re-deliver buffered external events to the new execution.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Creates a deterministic GUID (name-based, version 5), the same on every replay.</summary>
    /// <returns>The GUID.</returns>
    public abstract Guid NewGuid();

    /// <summary>Creates a logger that writes nothing while the orchestrator is replaying.</summary>
    /// <param name="categoryName">The category.</param>
    /// <returns>The logger.</returns>
    public ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    /// <summary>Creates a logger that writes nothing while the orchestrator is replaying.</summary>
    /// <typeparam name="T">The category type.</typeparam>
    /// <returns>The logger.</returns>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);

    private sealed class ReplaySafeLogger(TaskOrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
