using Microsoft.Extensions.Logging;

namespace AgentFlows.Execution;

/// <summary>The context handed to orchestrator code: a thin shell over its <see cref="OrchestrationSession"/>.</summary>
internal sealed class OrchestrationContextImpl(OrchestrationSession session, ILoggerFactory loggerFactory) : TaskOrchestrationContext
{
    /// <inheritdoc/>
    public override string Name => session.Name;

    /// <inheritdoc/>
    public override string InstanceId => session.InstanceId;

    /// <inheritdoc/>
    public override ParentOrchestrationInstance? Parent => session.Parent;

    /// <inheritdoc/>
    public override string Version => session.Version;

    /// <inheritdoc/>
    public override DateTime CurrentUtcDateTime => session.CurrentUtcDateTime;

    /// <inheritdoc/>
    public override bool IsReplaying => session.IsReplaying;

    /// <inheritdoc/>
    protected override ILoggerFactory LoggerFactory => loggerFactory;

    /// <inheritdoc/>
    public override T? GetInput<T>()
        where T : default => session.Converter.Deserialize<T>(session.Input);

    /// <inheritdoc/>
    public override Task<TResult> CallActivityAsync<TResult>(
        string name, object? input = null, TaskOptions? options = null, string callerFilePath = "", int callerLineNumber = 0) =>
        Convert<TResult>(session.ScheduleCall(false, name, input, options, new CallSite(callerFilePath, callerLineNumber)));

    /// <inheritdoc/>
    public override Task<TResult> CallSubOrchestratorAsync<TResult>(
        string name, object? input = null, TaskOptions? options = null, string callerFilePath = "", int callerLineNumber = 0) =>
        Convert<TResult>(session.ScheduleCall(true, name, input, options, new CallSite(callerFilePath, callerLineNumber)));

    /// <inheritdoc/>
    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken, string callerFilePath = "", int callerLineNumber = 0) =>
        session.CreateTimer(fireAt, null, cancellationToken, new CallSite(callerFilePath, callerLineNumber));

    /// <inheritdoc/>
    public override Task CreateTimer(DateTime fireAt, string? name, CancellationToken cancellationToken, string callerFilePath = "", int callerLineNumber = 0) =>
        session.CreateTimer(fireAt, name, cancellationToken, new CallSite(callerFilePath, callerLineNumber));

    /// <inheritdoc/>
    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        Convert<T>(session.WaitForEvent(eventName, cancellationToken));

    /// <inheritdoc/>
    public override void SendEvent(string instanceId, string eventName, object? payload, string callerFilePath = "", int callerLineNumber = 0) =>
        session.SendEvent(instanceId, eventName, payload, new CallSite(callerFilePath, callerLineNumber));

    /// <inheritdoc/>
    public override void SetCustomStatus(object? customStatus) => session.SetCustomStatus(customStatus);

    /// <inheritdoc/>
    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        session.RequestContinueAsNew(newInput, preserveUnprocessedEvents);

    /// <inheritdoc/>
    public override Guid NewGuid() => session.NewGuid();

    /// <inheritdoc/>
    public override bool IsPatched(string patchName) => session.IsPatched(patchName);

    private async Task<T> Convert<T>(Task<string?> json)
    {
        // Awaited on the orchestrator's synchronization context: the continuation is queued and pumped in order.
        var text = await json;
        return session.Converter.Deserialize<T>(text)!;
    }
}
