using Npgsql;

namespace AgentFlows.Storage.PostgreSql;

/// <summary>Work items leased ahead by one lock round trip and handed to this host's next lock calls.</summary>
public sealed partial class PostgreSqlOrchestrationStore
{
    private bool HasPrefetched
    {
        get
        {
            lock (_prefetched)
            {
                return _prefetched.Count > 0;
            }
        }
    }

    /// <summary>
    /// Hands out a prefetched work item whose lease is still nearly whole; older ones are released, because their
    /// instances could have gone to another host meanwhile.
    /// </summary>
    private async Task<OrchestrationWorkItem?> TakePrefetchedAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var slack = Math.Min(lease.Ticks / 10, TimeSpan.TicksPerSecond);
        List<OrchestrationWorkItem>? stale = null;
        OrchestrationWorkItem? taken = null;
        lock (_prefetched)
        {
            var now = Now;
            while (_prefetched.TryDequeue(out var item))
            {
                if ((item.LockedUntil - now).Ticks >= lease.Ticks - slack)
                {
                    taken = item;
                    break;
                }

                (stale ??= []).Add(item);
            }
        }

        foreach (var item in stale ?? [])
        {
            await UnlockAsync(item.Instance.InstanceId, item.LockToken, cancellationToken).ConfigureAwait(false);
        }

        if (taken is not null && taken.LockToken.Contains(KeptSuffix + "/", StringComparison.Ordinal))
        {
            HandedOut(WorkItemKind.Orchestration);
        }

        return taken;
    }

    /// <summary>Releases every prefetched work item (at dispose).</summary>
    private async Task ReleasePrefetchedAsync()
    {
        List<OrchestrationWorkItem> items;
        lock (_prefetched)
        {
            items = [.. _prefetched];
            _prefetched.Clear();
        }

        foreach (var item in items)
        {
            try
            {
                await UnlockAsync(item.Instance.InstanceId, item.LockToken, CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The lease runs out and another host takes the instance.
            }
        }
    }
}
