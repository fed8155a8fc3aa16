using AgentFlows.History;
using AgentFlows.Storage;

namespace AgentFlows.Client;

/// <summary>Control operations: queued messages (raise, terminate, suspend, resume, rewind), restart, purge, waits.</summary>
public sealed partial class StoreDurableTaskClient
{
    /// <inheritdoc/>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var payload = SerializeInput(eventPayload, "event payload");
        await SendAsync(instanceId, "raise an event to", s => !s.IsTerminal(), new HistoryEvent { EventType = EventType.EventRaised, Name = eventName, Input = payload }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reason = SerializeInput(options?.Output, "termination output");
        var e = new HistoryEvent { EventType = EventType.ExecutionTerminated, Input = reason, Recurse = options?.Recursive == true ? true : null };
        return SendAsync(instanceId, "terminate", s => !s.IsTerminal(), e, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, "suspend", s => !s.IsTerminal(), new HistoryEvent { EventType = EventType.ExecutionSuspended, Reason = reason }, cancellationToken);

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, "resume", s => !s.IsTerminal(), new HistoryEvent { EventType = EventType.ExecutionResumed, Reason = reason }, cancellationToken);

    /// <inheritdoc/>
    public override Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, "rewind", s => s == OrchestrationRuntimeStatus.Failed, new HistoryEvent { EventType = EventType.ExecutionRewound, Reason = reason }, cancellationToken);

    /// <inheritdoc/>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        var row = await _store.GetInstanceAsync(instanceId, true, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(instanceId);
        object? input = row.Input is null ? null : System.Text.Json.JsonDocument.Parse(row.Input).RootElement.Clone();
        var options = new StartOrchestrationOptions { InstanceId = restartWithNewInstanceId ? null : instanceId, Tags = row.Tags };
        return await ScheduleNewOrchestrationInstanceAsync(row.Name, input, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        var count = 0;
        if (options?.Recursive == true)
        {
            var history = await _store.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
            foreach (var child in history.Where(e => e.EventType == EventType.SubOrchestrationInstanceCreated).Select(e => e.InstanceId!).Distinct())
            {
                count += (await PurgeInstanceAsync(child, options, cancellationToken).ConfigureAwait(false)).PurgedInstanceCount;
            }
        }

        count += await _store.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return new PurgeResult(count);
    }

    /// <inheritdoc/>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new PurgeResult(await _store.PurgeInstancesAsync(filter, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, s => s != OrchestrationRuntimeStatus.Pending, cancellationToken);

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, s => s.IsTerminal(), cancellationToken);

    private async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, bool payloads, Func<OrchestrationRuntimeStatus, bool> done, CancellationToken cancellationToken)
    {
        // Wakes on in-process change notices; otherwise polls with a growing interval (another host runs the work).
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var change = _changes?.NextChange(instanceId);
            var metadata = await GetInstanceAsync(instanceId, payloads, cancellationToken).ConfigureAwait(false)
                ?? throw new OrchestrationNotFoundException(instanceId);
            if (done(metadata.RuntimeStatus))
            {
                if (change is not null)
                {
                    _changes!.Forget(instanceId, change);
                }

                return metadata;
            }

            var sleep = Task.Delay(delay, _time, cancellationToken);
            await (change is null ? sleep : Task.WhenAny(change, sleep)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private async Task SendAsync(string instanceId, string operation, Func<OrchestrationRuntimeStatus, bool> allowed, HistoryEvent e, CancellationToken cancellationToken)
    {
        var row = await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (!allowed(row.Status))
        {
            throw new OrchestrationStateException(instanceId, row.Status, operation);
        }

        var now = Now;
        if (!await _store.SendMessageAsync(new OrchestrationMessage(instanceId, e with { Timestamp = now }, now), cancellationToken).ConfigureAwait(false))
        {
            throw new OrchestrationNotFoundException(instanceId);
        }
    }
}
