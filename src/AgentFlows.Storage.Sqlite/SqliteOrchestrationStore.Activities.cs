using AgentFlows.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite;

/// <summary>Activity attempts: lock a batch, complete exactly once, abandon, renew.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(string workerId, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default)
    {
        if (maxCount <= 0)
        {
            return [];
        }

        var token = NewToken();
        return await WriteAsync(
            s =>
            {
                var now = NowTicks;
                var until = now + lease.Ticks;
                var lockedUntil = StoredRows.Time(until);
                // Two index range reads (never locked, lease expired) merged by age: no sort inside SQLite.
                var candidates = new List<long>();
                ReadSequences(s.Command(Sql.SelectUnlockedActivities).With("$max", maxCount), candidates);
                ReadSequences(s.Command(Sql.SelectExpiredActivities).With("$now", now).With("$max", maxCount), candidates);
                candidates.Sort();
                var items = new List<ActivityWorkItem>(Math.Min(candidates.Count, maxCount));
                foreach (var seq in candidates.Take(maxCount))
                {
                    using var reader = s.Command(Sql.LockActivity).With("$token", token).With("$until", until).With("$seq", seq).ExecuteReader();
                    if (reader.Read())
                    {
                        items.Add(new ActivityWorkItem
                        {
                            Sequence = seq,
                            Message = new ActivityMessage(reader.GetString(0), reader.GetString(1), StoredJson.DeserializeEvent(reader.GetString(3))),
                            LockToken = token,
                            LockedUntil = lockedUntil,
                            DequeueCount = reader.GetInt32(2),
                        });
                    }
                }

                return items;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var recorded = await WriteAsync(
            s =>
            {
                var deleted = s.Command(Sql.CompleteActivity)
                    .With("$seq", workItem.Sequence)
                    .With("$token", workItem.LockToken)
                    .With("$now", NowTicks)
                    .ExecuteNonQuery();
                if (deleted == 0)
                {
                    return false;
                }

                Enqueue(s, result);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (recorded)
        {
            _signal.Notify(WorkItemKind.Orchestration, result.VisibleAt);
        }

        return recorded;
    }

    /// <inheritdoc/>
    public async Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var released = await WriteAsync(
            s => s.Command(Sql.AbandonActivity).With("$seq", workItem.Sequence).With("$token", workItem.LockToken).ExecuteNonQuery(),
            cancellationToken).ConfigureAwait(false);
        if (released > 0)
        {
            _signal.Notify(WorkItemKind.Activity, Now);
        }
    }

    /// <inheritdoc/>
    public Task<ActivityWorkItem> RenewActivityAsync(ActivityWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return WriteAsync(
            s => Renew(s.Command(Sql.RenewActivity).With("$seq", workItem.Sequence).With("$token", workItem.LockToken), lease) is { } until
                ? workItem with { LockedUntil = StoredRows.Time(until) }
                : throw new LeaseLostException($"The lease on activity #{workItem.Sequence} was lost."),
            cancellationToken);
    }

    private static void ReadSequences(SqliteCommand command, List<long> into)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(reader.GetInt64(0));
        }
    }
}
