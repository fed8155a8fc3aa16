using AgentFlows.Client;
using AgentFlows.Storage;

namespace AgentFlows.Host.Operations.Retention;

/// <summary>
/// Purges ended instances (runs and any other orchestration, with their history and pending messages) that ended
/// before the retention age, in batches of at most <see cref="RetentionSettings.BatchSize"/> with a pause between
/// batches, so a large backlog is worked off without ever holding the store for long.
/// </summary>
/// <param name="store">The store.</param>
/// <param name="settings">The settings.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
internal sealed class RetentionPurger(IOrchestrationStore store, RetentionSettings settings, TimeProvider time, ILogger<RetentionPurger> logger)
{
    private static readonly OrchestrationRuntimeStatus[] _ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    /// <summary>Gets or sets what is told, after each batch, the total purged so far; the pause before the next batch is already running.</summary>
    internal Action<int>? BatchDone { get; set; }

    /// <summary>Runs one sweep.</summary>
    /// <param name="cancellationToken">Stops the sweep between two purges.</param>
    /// <returns>How many instances were purged.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = (time.GetUtcNow() - settings.MaxAge).UtcDateTime;
        var query = new OrchestrationQuery { CreatedTo = cutoff, Statuses = _ended, PageSize = settings.BatchSize };
        var total = 0;
        while (true)
        {
            var (items, token) = await store.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var item in items.Where(i => (i.CompletedAt ?? i.LastUpdatedAt) < cutoff))
            {
                total += await TryPurgeAsync(item.InstanceId, cancellationToken).ConfigureAwait(false);
            }

            if (token is null)
            {
                logger.RetentionSwept(total, settings.MaxAge.TotalDays);
                BatchDone?.Invoke(total);
                return total;
            }

            var pause = Task.Delay(settings.Pause, time, cancellationToken);
            BatchDone?.Invoke(total);
            await pause.ConfigureAwait(false);
            query = query with { ContinuationToken = token };
        }
    }

    private async Task<int> TryPurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await store.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationStateException)
        {
            // Rewound or restarted since the query: no longer ended, so it stays.
            return 0;
        }
    }
}
