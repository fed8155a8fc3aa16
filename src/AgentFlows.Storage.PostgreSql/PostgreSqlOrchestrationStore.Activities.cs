using AgentFlows.Storage.PostgreSql.Internal;

namespace AgentFlows.Storage.PostgreSql;

/// <summary>Activity attempts: lock a batch, complete exactly once, abandon, renew.</summary>
public sealed partial class PostgreSqlOrchestrationStore
{
    /// <inheritdoc/>
    /// <remarks>Never-locked attempts and attempts whose lease ran out, oldest first, skipping rows other hosts are locking.</remarks>
    public async Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(string workerId, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default)
    {
        if (maxCount <= 0)
        {
            return [];
        }

        return await RunAsync(
            async () =>
            {
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

                // RETURNING gives no order; callers get the oldest first.
                items.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
                return (IReadOnlyList<ActivityWorkItem>)items;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One statement: the attempt is deleted only while its lease is held, and the result is enqueued only if that
    /// delete happened, so a late or repeated completion is discarded, never applied twice.
    /// </remarks>
    public Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        return RunAsync(
            async () =>
            {
                await using var command = _dataSource.CreateCommand(_sql.CompleteActivity);
                command.Parameters.With("seq", workItem.Sequence).With("hub", _hub).With("token", workItem.LockToken).With("now", NowTicks)
                    .With("id", result.InstanceId).WithMessage(result, StoredJson.Serialize(result.Event));
                var recorded = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
                if (recorded)
                {
                    Announce(WorkItemKind.Orchestration, StoredRows.Ticks(result.VisibleAt));
                }

                return recorded;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
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
            async () =>
            {
                var now = NowTicks;
                var until = now + lease.Ticks;
                await using var batch = _dataSource.CreateLeaseBatch();
                batch.Statement(_sql.RenewActivity).With("until", until).With("seq", workItem.Sequence).With("hub", _hub).With("token", workItem.LockToken).With("now", now);
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return batch.BatchCommands[1].RecordsAffected == 1
                    ? workItem with { LockedUntil = StoredRows.Time(until) }
                    : throw new LeaseLostException($"The lease on activity #{workItem.Sequence} was lost.");
            },
            cancellationToken);
    }
}
