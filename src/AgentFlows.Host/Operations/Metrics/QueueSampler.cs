using AgentFlows.Client;
using AgentFlows.Storage;

namespace AgentFlows.Host.Operations.Metrics;

/// <summary>
/// Samples the store's start queue through the storage contract, without adding to it: how many instances are
/// Pending (created, not yet run: the orchestration start queue), how old the oldest of them is, and how many are
/// Running. Scans are capped, so a huge backlog reads as "at least" the cap.
/// </summary>
/// <remarks>
/// The storage contract has no message counts, so the activity queue and the inboxes of running instances are not
/// measured; that needs a store method (see the report of issue 8).
/// </remarks>
/// <param name="store">The store.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
internal sealed class QueueSampler(IOrchestrationStore store, TimeProvider time, ILogger<QueueSampler> logger) : BackgroundService
{
    /// <summary>The most instances a sample reads per status.</summary>
    public const int ScanCap = 10_000;

    private static readonly TimeSpan _interval = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Gets the latest sample.</summary>
    public QueueSample Latest { get; private set; } = new(0, TimeSpan.Zero, 0, DateTimeOffset.MinValue);

    /// <summary>Samples now unless the latest sample is younger than <paramref name="maxAge"/>.</summary>
    /// <param name="maxAge">How old a sample may be.</param>
    /// <param name="cancellationToken">Cancels the sample.</param>
    /// <returns>A task.</returns>
    public async Task RefreshAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (now - Latest.SampledAt < maxAge)
            {
                return;
            }

            var (pending, oldest) = await ScanAsync(OrchestrationRuntimeStatus.Pending, cancellationToken).ConfigureAwait(false);
            var (running, _) = await ScanAsync(OrchestrationRuntimeStatus.Running, cancellationToken).ConfigureAwait(false);
            Latest = new QueueSample(pending, oldest is { } o ? now - new DateTimeOffset(o, TimeSpan.Zero) : TimeSpan.Zero, running, now);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, time, stoppingToken).ConfigureAwait(false);
                await RefreshAsync(TimeSpan.Zero, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.QueueSampleFailed(ex);
            }
        }
    }

    private async Task<(int Count, DateTime? Oldest)> ScanAsync(OrchestrationRuntimeStatus status, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { Statuses = [status], PageSize = 1000 };
        var count = 0;
        DateTime? oldest = null;
        do
        {
            var (items, token) = await store.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
            count += items.Count;
            foreach (var item in items)
            {
                oldest = oldest is null || item.CreatedAt < oldest ? item.CreatedAt : oldest;
            }

            query = query with { ContinuationToken = token };
        }
        while (query.ContinuationToken is not null && count < ScanCap);
        return (count, oldest);
    }
}

/// <summary>A sample of the start queue.</summary>
/// <param name="Pending">Instances waiting for their first episode.</param>
/// <param name="OldestPendingAge">How long the oldest of them has waited.</param>
/// <param name="Running">Instances Running.</param>
/// <param name="SampledAt">When the sample was taken.</param>
internal sealed record QueueSample(int Pending, TimeSpan OldestPendingAge, int Running, DateTimeOffset SampledAt);
