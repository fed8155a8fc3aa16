using AgentFlows.Storage.PostgreSql.Internal;

namespace AgentFlows.Storage.PostgreSql;

/// <summary>Activity attempts: lock a batch, complete exactly once, abandon, renew.</summary>
public sealed partial class PostgreSqlOrchestrationStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// Attempts this host's checkpoints kept for it first (no round trip); otherwise never-locked attempts and attempts
    /// whose lease ran out, oldest first, skipping rows other hosts are locking.
    /// </remarks>
    public async Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(string workerId, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default)
    {
        if (maxCount <= 0)
        {
            return [];
        }

        Volatile.Write(ref _activityLeaseTicks, lease.Ticks);
        return await RunAsync(
            async () =>
            {
                var kept = await TakeClaimedAsync(maxCount, cancellationToken).ConfigureAwait(false);
                if (kept.Count > 0)
                {
                    HandedOut(WorkItemKind.Activity);
                    return kept;
                }

                if (CanSkipDatabase(WorkItemKind.Activity))
                {
                    return kept;
                }

                var changes = _wakeUps.Changes(WorkItemKind.Activity);
                var token = NewToken();
                var now = NowTicks;
                var until = now + lease.Ticks;
                var lockedUntil = StoredRows.Time(until);
                var items = new List<ActivityWorkItem>(Math.Min(maxCount, 32));
                await using (var batch = _dataSource.CreateLeaseBatch())
                {
                    batch.Statement(_sql.LockActivities).With("hub", _hub).With("now", now).With("max", maxCount).With("token", token).With("until", until);
                    await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        items.Add(new ActivityWorkItem
                        {
                            Sequence = reader.GetInt64(0),
                            Message = new ActivityMessage(reader.GetString(1), reader.GetString(2), StoredJson.DeserializeEvent(reader.GetString(4))),
                            LockToken = token,
                            LockedUntil = lockedUntil,
                            DequeueCount = reader.GetInt32(3),
                        });
                    }
                }

                if (items.Count < maxCount)
                {
                    FoundNothing(WorkItemKind.Activity, changes);
                }

                // RETURNING gives no order; callers get the oldest first.
                items.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
                return items;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ForgetPending(workItem.Message.InstanceId, workItem.Sequence);
        return RunAsync(
            async () =>
            {
                await using var batch = _dataSource.CreateLeaseBatch();
                batch.Statement(_sql.AbandonActivity).With("seq", workItem.Sequence).With("hub", _hub).With("token", workItem.LockToken);
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                var released = batch.BatchCommands[1].RecordsAffected > 0;
                if (released)
                {
                    Announce(WorkItemKind.Activity, NowTicks);
                }

                return released;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ActivityWorkItem> RenewActivityAsync(ActivityWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return RunAsync(
            async () => await RenewAsync(_sql.RenewActivity, p => p.With("seq", workItem.Sequence).With("token", workItem.LockToken), lease, cancellationToken).ConfigureAwait(false) is { } until
                ? workItem with { LockedUntil = StoredRows.Time(until) }
                : throw new LeaseLostException($"The lease on activity #{workItem.Sequence} was lost."),
            cancellationToken);
    }
}
