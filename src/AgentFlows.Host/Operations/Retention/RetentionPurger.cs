using AgentFlows.Agents.DataLifecycle;
using AgentFlows.Agents.Tools.Data;
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
/// <param name="data">The data folder; a purged run's work folder under it (<c>runs/&lt;runId&gt;</c>) is deleted too.</param>
internal sealed class RetentionPurger(IOrchestrationStore store, RetentionSettings settings, TimeProvider time, ILogger<RetentionPurger> logger, DataOptions? data = null)
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
            var purged = await store.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (purged > 0)
            {
                DeleteWorkFolder(instanceId);
            }

            return purged;
        }
        catch (OrchestrationStateException)
        {
            // Rewound or restarted since the query: no longer ended, so it stays.
            return 0;
        }
    }

    // Intermediate datasets (data.lifecycle rounds) belong to the run: they go with it, and nothing else under the folder does.
    private void DeleteWorkFolder(string instanceId)
    {
        if (string.IsNullOrWhiteSpace(data?.Root))
        {
            return;
        }

        var folder = Path.Combine(Path.GetFullPath(data.Root), DataLifecycleNames.RunFolder(instanceId));
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.RetentionSweepFailed(ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            logger.RetentionSweepFailed(ex);
        }
    }
}
