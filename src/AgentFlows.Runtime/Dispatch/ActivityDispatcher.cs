using AgentFlows.Hosting;
using AgentFlows.Storage;
using Microsoft.Extensions.Logging;

namespace AgentFlows.Dispatch;

/// <summary>Takes activity attempts from the store in batches and runs them, up to the concurrency limit.</summary>
internal sealed class ActivityDispatcher(
    IOrchestrationStore store, ActivityRunner runner, DurableTaskWorkerOptions options, ILogger logger)
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentActivityFunctions);

    /// <summary>Gets the work in flight.</summary>
    public InFlightTracker InFlight { get; } = new();

    /// <summary>Runs the fetch loop until <paramref name="stopping"/> fires.</summary>
    /// <param name="stopping">Stops taking new work.</param>
    /// <param name="hardStop">Cancels running activities (when the graceful stop period ran out).</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(CancellationToken stopping, CancellationToken hardStop)
    {
        var backoff = new Backoff();
        while (!stopping.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                taken = 1;
                while (taken < 32 && _slots.Wait(0))
                {
                    taken++;
                }

                var items = await store.LockNextActivitiesAsync(options.WorkerId, options.ActivityLease, taken, stopping).ConfigureAwait(false);
                var surplus = taken - items.Count;
                taken = 0;
                if (surplus > 0)
                {
                    _slots.Release(surplus);
                }

                if (items.Count == 0)
                {
                    await store.WaitForWorkAsync(WorkItemKind.Activity, options.MaxQueuePollingInterval, stopping).ConfigureAwait(false);
                    continue;
                }

                backoff.Reset();
                foreach (var item in items)
                {
                    InFlight.Start(() => runner.RunAsync(item, hardStop), () => _slots.Release());
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (taken > 0)
                {
                    _slots.Release(taken);
                }

                logger.DispatchLoopError(ex, "activity");
                await backoff.WaitAsync(stopping).ConfigureAwait(false);
            }
        }
    }
}
