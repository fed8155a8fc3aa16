using AgentFlows.Diagnostics;
using AgentFlows.Execution;
using AgentFlows.History;
using AgentFlows.Hosting;
using AgentFlows.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Dispatch;

/// <summary>Takes orchestration work items from the store and runs their episodes, up to the concurrency limit.</summary>
internal sealed class OrchestrationDispatcher(
    IOrchestrationStore store, EpisodeRunner runner, SessionCache? cache, InstanceChangeNotifier? changes, DurableTaskWorkerOptions options, ILogger logger, VersionCheck versions)
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentOrchestratorFunctions);

    /// <summary>Gets the work in flight.</summary>
    public InFlightTracker InFlight { get; } = new();

    /// <summary>Runs the fetch loop until <paramref name="stopping"/> fires.</summary>
    /// <param name="stopping">Stops taking new work.</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = new Backoff();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                var item = await store.LockNextOrchestrationAsync(options.WorkerId, options.OrchestrationLease, stopping).ConfigureAwait(false);
                if (item is null)
                {
                    _slots.Release();
                    await store.WaitForWorkAsync(WorkItemKind.Orchestration, options.MaxQueuePollingInterval, stopping).ConfigureAwait(false);
                    continue;
                }

                backoff.Reset();
                InFlight.Start(() => ProcessAsync(item), () => _slots.Release());
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _slots.Release();
                logger.DispatchLoopError(ex, "orchestration");
                await backoff.WaitAsync(stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessAsync(OrchestrationWorkItem item)
    {
        var id = item.Instance.InstanceId;
        using var telemetry = new EpisodeTelemetry(item);
        EpisodeResult result;
        try
        {
            var cached = cache?.Take(id, item.Instance.Version);
            IReadOnlyList<HistoryEvent>? history = cached is not null ? null
                : item.Instance.Version == 0 ? [] // never checkpointed since it was (re)created: no history to read
                : await store.GetHistoryAsync(id).ConfigureAwait(false);
            if (await versions.TryRejectAsync(store, item, cached, history).ConfigureAwait(false))
            {
                telemetry.Discarded("version_rejected");
                return;
            }

            telemetry.Begin(history);
            result = telemetry.Stamp(runner.RunSafely(item, cached, history));
        }
        catch (Exception ex)
        {
            telemetry.Discarded("error", ex);
            logger.EpisodeError(ex, id);
            await TryAbandonAsync(item).ConfigureAwait(false);
            return;
        }

        try
        {
            var version = await store.CompleteOrchestrationAsync(item, result.Checkpoint).ConfigureAwait(false);
            var status = result.Checkpoint.Instance.Status;
            telemetry.Committed(result);
            changes?.Notify(id);
            logger.EpisodeCompleted(id, item.Messages.Count, status, result.Checkpoint.NewHistory.Count);
            if (status.IsTerminal())
            {
                logger.InstanceFinished(id, result.Checkpoint.Instance.Name, status);
            }

            if (result.Session is not null)
            {
                cache?.Put(id, version, result.Session);
            }
        }
        catch (LeaseLostException)
        {
            telemetry.Discarded("lease_lost");
            logger.EpisodeLeaseLost(id);
        }
        catch (Exception ex)
        {
            telemetry.Discarded("error", ex);
            logger.EpisodeError(ex, id);
            await TryAbandonAsync(item).ConfigureAwait(false);
        }
    }

    private async Task TryAbandonAsync(OrchestrationWorkItem item)
    {
        try
        {
            await store.AbandonOrchestrationAsync(item).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The lease will expire and the work item will be delivered again.
            logger.EpisodeError(ex, item.Instance.InstanceId);
        }
    }
}
