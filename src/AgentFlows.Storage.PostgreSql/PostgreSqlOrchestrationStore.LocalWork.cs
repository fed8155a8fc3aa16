using AgentFlows.Storage.PostgreSql.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace AgentFlows.Storage.PostgreSql;

/// <content>
/// Local hand-off of activities (<see cref="PostgreSqlStoreOptions.LocalHandOff"/>): a checkpoint inserts the
/// activities it schedules already leased to this host, and this host's activity dispatcher takes them from memory.
/// Attempts it has not started within <see cref="ClaimAge"/> are released to every host.
/// </content>
public sealed partial class PostgreSqlOrchestrationStore
{
    private const string KeptSuffix = "/kept";
    private readonly Queue<ActivityWorkItem> _claimed = new();
    private ITimer? _claimSweep;

    // The sweep's release under way: a lock call waits for it, so it never finds a released attempt still leased.
    private Task _sweeping = Task.CompletedTask;

    // The leases this host's dispatchers ask for; zero until they first ask, so a host without an activity dispatcher
    // (a client, say) never keeps activities for itself.
    private long _activityLeaseTicks;
    private long _orchestrationLeaseTicks;

    // What this host last saw of the queues, per kind: the announcement count (WakeUps.Changes) when a look at the
    // database last found nothing more ready, whether the last lock call handed out work produced in memory, and the
    // next due time read at an announcement count. A dispatcher that just took handed-over work asks again at once;
    // while nothing was announced since the database was found empty, that question needs no round trip.
    private readonly Lock _viewGate = new();
    private readonly long[] _quietAt = [-1, -1];
    private readonly bool[] _handedOut = new bool[2];
    private readonly (long Changes, long? Due)[] _nextDue = [(-1, null), (-1, null)];

    /// <summary>Gets the sweep's release under way (for tests).</summary>
    internal Task ClaimSweep => _sweeping;

    private bool HasClaimed
    {
        get
        {
            lock (_claimed)
            {
                return _claimed.Count > 0;
            }
        }
    }

    /// <summary>Gets how long a kept attempt may wait for this host's dispatcher before it is released to all hosts.</summary>
    private long ClaimAge => Math.Min(TimeSpan.TicksPerSecond, Volatile.Read(ref _activityLeaseTicks) / 10);

    /// <summary>Tells whether a lock call can skip the database: it follows a hand-out and nothing was announced since the database was found empty.</summary>
    private bool CanSkipDatabase(WorkItemKind kind)
    {
        lock (_viewGate)
        {
            var skip = _handedOut[(int)kind] && _quietAt[(int)kind] == _wakeUps.Changes(kind);
            _handedOut[(int)kind] = false;
            return skip;
        }
    }

    private void HandedOut(WorkItemKind kind)
    {
        lock (_viewGate)
        {
            _handedOut[(int)kind] = true;
        }
    }

    /// <summary>Records that a look at the database, begun at announcement count <paramref name="changes"/>, found nothing more ready.</summary>
    private void FoundNothing(WorkItemKind kind, long changes)
    {
        lock (_viewGate)
        {
            _quietAt[(int)kind] = changes;
        }
    }

    /// <summary>The next due time read at the current announcement count, if one was.</summary>
    private bool TryKnownDue(WorkItemKind kind, out long? due)
    {
        lock (_viewGate)
        {
            (var changes, due) = _nextDue[(int)kind];
            return changes == _wakeUps.Changes(kind);
        }
    }

    private void KnownDue(WorkItemKind kind, long changes, long? due)
    {
        lock (_viewGate)
        {
            _nextDue[(int)kind] = (changes, due);
        }
    }

    /// <summary>How many of <paramref name="count"/> new activities this host keeps, and the lease they get.</summary>
    private (int Count, long LeaseTicks) ClaimBudget(int count)
    {
        var lease = Volatile.Read(ref _activityLeaseTicks);
        if (!_options.LocalHandOff || lease == 0)
        {
            return (0, 0);
        }

        lock (_claimed)
        {
            // Up to four waves of the dispatcher's slots: a fan-out runs from memory, and what this host cannot start
            // within ClaimAge goes to every host.
            return (Math.Clamp((4 * _options.MaxConcurrentActivities) - _claimed.Count, 0, count), lease);
        }
    }

    /// <summary>Tells whether an attempt was kept by a checkpoint of this host rather than locked from the queue.</summary>
    private static bool IsKept(ActivityWorkItem item) => item.LockToken.EndsWith(KeptSuffix, StringComparison.Ordinal);

    /// <summary>A lock token for attempts a checkpoint keeps.</summary>
    private string NewKeptToken() => NewToken() + KeptSuffix;

    /// <summary>Queues the attempts a committed checkpoint kept for this host and wakes its activity dispatcher.</summary>
    private void HandOver(IReadOnlyList<ActivityMessage> activities, long[] sequences, string token, long until)
    {
        Array.Sort(sequences);
        lock (_claimed)
        {
            for (var i = 0; i < sequences.Length; i++)
            {
                _claimed.Enqueue(new ActivityWorkItem
                {
                    Sequence = sequences[i], Message = activities[i], LockToken = token, LockedUntil = StoredRows.Time(until), DequeueCount = 1,
                });
            }

            _claimSweep ??= _time.CreateTimer(_ => _sweeping = SweepClaimedAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _claimSweep.Change(TimeSpan.FromTicks(ClaimAge), TimeSpan.FromTicks(ClaimAge));
        }

        _wakeUps.Nudge(WorkItemKind.Activity);
    }

    /// <summary>Takes kept attempts that are still fresh; older ones go back to every host.</summary>
    private async Task<List<ActivityWorkItem>> TakeClaimedAsync(int maxCount, CancellationToken cancellationToken)
    {
        await _sweeping.ConfigureAwait(false);
        var taken = new List<ActivityWorkItem>();
        var stale = TakeClaimed(maxCount, taken);
        if (stale.Count > 0)
        {
            await ReleaseClaimedAsync(stale, cancellationToken).ConfigureAwait(false);
        }

        return taken;
    }

    private List<ActivityWorkItem> TakeClaimed(int maxCount, List<ActivityWorkItem>? taken)
    {
        var stale = new List<ActivityWorkItem>();
        var oldest = NowTicks - ClaimAge;
        var lease = Volatile.Read(ref _activityLeaseTicks);
        lock (_claimed)
        {
            while ((taken is null || taken.Count < maxCount) && _claimed.TryPeek(out var item))
            {
                var claimedAt = item.LockedUntil.Ticks - lease;
                if (taken is null && claimedAt > oldest)
                {
                    break;
                }

                _claimed.Dequeue();
                (claimedAt > oldest ? taken! : stale).Add(item);
            }

            if (_claimed.Count == 0)
            {
                _claimSweep?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        return stale;
    }

    private async Task SweepClaimedAsync()
    {
        var stale = TakeClaimed(int.MaxValue, taken: null);
        if (stale.Count == 0 || _disposed)
        {
            return;
        }

        try
        {
            await ReleaseClaimedAsync(stale, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException or InvalidOperationException)
        {
            // Their leases run out and any host takes them then.
            _logger.LogDebug(ex, "Activities kept for this host could not be released; their leases run out instead.");
        }
    }

    /// <summary>Gives kept attempts back to every host and announces them.</summary>
    private async Task ReleaseClaimedAsync(List<ActivityWorkItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            ForgetPending(item.Message.InstanceId, item.Sequence);
        }

        await using (var batch = _dataSource.CreateLeaseBatch())
        {
            batch.Statement(_sql.ReleaseActivities).With("hub", _hub)
                .WithArray("seqs", NpgsqlDbType.Bigint, items.Select(i => i.Sequence).ToArray())
                .WithArray("tokens", NpgsqlDbType.Text, items.Select(i => i.LockToken).ToArray());
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        Announce(WorkItemKind.Activity, NowTicks);
    }

    /// <summary>Releases every kept attempt (at dispose).</summary>
    private async Task ReleaseAllClaimedAsync()
    {
        List<ActivityWorkItem> items;
        lock (_claimed)
        {
            items = [.. _claimed];
            _claimed.Clear();
            _claimSweep?.Dispose();
        }

        if (items.Count > 0)
        {
            try
            {
                await ReleaseClaimedAsync(items, CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The leases run out and another host takes the attempts.
            }
        }
    }
}
