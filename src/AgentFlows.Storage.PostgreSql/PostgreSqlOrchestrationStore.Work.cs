using AgentFlows.Storage.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;

namespace AgentFlows.Storage.PostgreSql;

/// <summary>Orchestration work items: lock, checkpoint, abandon, renew.</summary>
public sealed partial class PostgreSqlOrchestrationStore
{
    /// <summary>How many lock round trips one call may make that find only instances with nothing deliverable (stale ready times).</summary>
    private const int MaxLockAttempts = 16;

    /// <inheritdoc/>
    /// <remarks>
    /// One round trip leases up to <see cref="PostgreSqlStoreOptions.OrchestrationPrefetch"/> ready instances: the
    /// first is returned, the others are handed to the next calls of this store while their leases are still fresh.
    /// A dispatcher that fetches one work item per round trip would otherwise be bounded by the round-trip time.
    /// </remarks>
    public Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _orchestrationLeaseTicks, lease.Ticks);
        return RunAsync(
            async () =>
            {
                if ((await TakePrefetchedAsync(lease, cancellationToken).ConfigureAwait(false) ?? await TakeHeldAsync(cancellationToken).ConfigureAwait(false)) is { } ready)
                {
                    return ready;
                }

                if (CanSkipDatabase(WorkItemKind.Orchestration))
                {
                    return null;
                }

                var changes = _wakeUps.Changes(WorkItemKind.Orchestration);
                await FindHeldWithMessagesAsync(cancellationToken).ConfigureAwait(false);
                if (await TakeHeldAsync(cancellationToken).ConfigureAwait(false) is { } held)
                {
                    return held;
                }

                for (var attempt = 0; attempt < MaxLockAttempts; attempt++)
                {
                    var (items, found) = await LockInstancesAsync(lease, cancellationToken).ConfigureAwait(false);
                    if (items.Count > 0)
                    {
                        Prefetch(items.Skip(1));
                        return items[0];
                    }

                    if (found == 0)
                    {
                        break;
                    }
                }

                FoundNothing(WorkItemKind.Orchestration, changes);
                return (OrchestrationWorkItem?)null;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One batch, one round trip, one implicit transaction: lock the other instances it touches (in id order, so two
    /// checkpoints that message each other cannot deadlock), consume the applied messages, write history, create
    /// children, enqueue messages and activities, and last the fenced update of the instance, which raises when the
    /// version or lock token moved on and so rolls everything back. After the commit, the work produced is announced.
    /// </remarks>
    public Task<long> CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var id = workItem.Instance.InstanceId;
        if (!string.Equals(checkpoint.Instance.InstanceId, id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The checkpoint is for instance '{checkpoint.Instance.InstanceId}', the work item for '{id}'.", nameof(checkpoint));
        }

        return RunAsync(
            async () =>
            {
                var now = NowTicks;
                var produced = CheckpointBatch.Build(this, workItem, checkpoint, now);
                long? readyAt;
                long[]? claimed = null;
                var holdUntil = produced.Hold.Until;
                try
                {
                    await using var batch = produced.Batch;
                    await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (produced.LocksOthers)
                    {
                        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (produced.Hold.Consumed > 0)
                    {
                        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (produced.Claim.Count > 0)
                    {
                        claimed = await ReadSequencesAsync(reader, produced.Claim.Count, cancellationToken).ConfigureAwait(false);
                        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    }

                    // The fenced update (it raises when the lease was lost; under a hold it returns the lease's end), then
                    // the ready time as RefreshReady read it after the row was ours.
                    if (produced.Hold.Token is not null && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        holdUntil = reader.GetInt64(1);
                    }

                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    readyAt = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetInt64(0) : null;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Unheld(id, episodeFailed: true);
                    throw;
                }

                if (produced.Hold.Token is { } hold)
                {
                    // Under a hold, the read gave the instance's earliest message: due now, the next episode runs at once.
                    var due = readyAt <= NowTicks;
                    Held(workItem, checkpoint, workItem.Instance.Version + 1, hold, holdUntil, claimed, due);
                    readyAt = due ? null : readyAt;
                }
                else
                {
                    Unheld(id, episodeFailed: false);
                }

                if (claimed is not null)
                {
                    HandOver(checkpoint.ActivityMessages, claimed, produced.Claim.Token!, produced.Claim.Until);
                }

                if (checkpoint.ActivityMessages.Count > produced.Claim.Count)
                {
                    Announce(WorkItemKind.Activity, now);
                }

                // Messages that arrived while the instance was locked (or its own timers) make it lockable again.
                var earliest = produced.EarliestMessage is { } e && (readyAt is null || e < readyAt) ? e : readyAt;
                if (earliest is { } first)
                {
                    Announce(WorkItemKind.Orchestration, first);
                }

                return workItem.Instance.Version + 1;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        Unheld(workItem.Instance.InstanceId, episodeFailed: true);
        return RunAsync(() => UnlockAsync(workItem.Instance.InstanceId, workItem.LockToken, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<OrchestrationWorkItem> RenewOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return RunAsync(
            async () => await RenewAsync(
                _sql.Renew, p => p.With("id", workItem.Instance.InstanceId).With("token", workItem.LockToken).With("version", workItem.Instance.Version), lease, cancellationToken)
                .ConfigureAwait(false) is { } until
                ? HoldRenewed(workItem, until)
                : throw new LeaseLostException($"The lease on instance '{workItem.Instance.InstanceId}' was lost."),
            cancellationToken);
    }

    /// <summary>Extends a lease (asynchronous commit: a lease lost in a crash is harmless, every write is fenced).</summary>
    /// <param name="sql">The renew statement; it matches only while the lease is held.</param>
    /// <param name="bind">Binds what identifies the lease.</param>
    /// <param name="lease">The new lease length.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new end of the lease, or null when it was lost.</returns>
    private async Task<long?> RenewAsync(string sql, Func<NpgsqlParameterCollection, NpgsqlParameterCollection> bind, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = NowTicks;
        var until = now + lease.Ticks;
        await using var batch = _dataSource.CreateLeaseBatch();
        bind(batch.Statement(sql)).With("until", until).With("hub", _hub).With("now", now);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return batch.BatchCommands[1].RecordsAffected == 1 ? until : null;
    }

    /// <summary>Leases up to the prefetch count of ready instances; instances found with nothing deliverable are released again.</summary>
    /// <returns>The work items, oldest ready first, and how many instances were locked.</returns>
    private async Task<(List<OrchestrationWorkItem> Items, int Found)> LockInstancesAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = NewToken();
        var now = NowTicks;
        var until = now + lease.Ticks;
        var rows = new List<(InstanceRecord Row, List<OrchestrationMessage>? Messages)>();
        await using (var batch = _dataSource.CreateLeaseBatch())
        {
            batch.Statement(_sql.LockNextInstances).With("hub", _hub).With("now", now).With("max", Math.Max(1, _options.OrchestrationPrefetch))
                .With("token", token).With("until", until);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await ReadLockedAsync(reader, rows, cancellationToken).ConfigureAwait(false);
        }

        return (await ToWorkItemsAsync(rows, token, until, now, cancellationToken).ConfigureAwait(false), rows.Count);
    }

    /// <summary>Reads the rows of a lock statement (<see cref="Sql.LockNextInstances"/> or <see cref="Sql.LockListedInstances"/>).</summary>
    private static async Task ReadLockedAsync(
        NpgsqlDataReader reader, List<(InstanceRecord Row, List<OrchestrationMessage>? Messages)> rows, CancellationToken cancellationToken = default)
    {
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = StoredRows.ReadInstance(reader, withPayloads: true);
            var fresh = !reader.IsDBNull(14) && reader.GetInt64(14) == row.Version;
            rows.Add((row, fresh ? ReadMessages(reader, 15, row.InstanceId) : null));
        }
    }

    /// <summary>Turns locked rows into work items; rows with nothing deliverable are released again.</summary>
    private async Task<List<OrchestrationWorkItem>> ToWorkItemsAsync(
        List<(InstanceRecord Row, List<OrchestrationMessage>? Messages)> rows, string token, long until, long now, CancellationToken cancellationToken)
    {
        var items = new List<OrchestrationWorkItem>(rows.Count);
        foreach (var (row, read) in rows)
        {
            var lockToken = token + "/" + row.InstanceId;

            // A checkpoint committed between the statement's snapshot and the lock: read the messages again.
            var messages = read ?? await ReadDeliverableAsync(row, now, cancellationToken).ConfigureAwait(false);
            if (messages.Count > 0)
            {
                items.Add(new OrchestrationWorkItem { Instance = row, Messages = messages, LockToken = lockToken, LockedUntil = StoredRows.Time(until) });
            }
            else
            {
                await UnlockAsync(row.InstanceId, lockToken, cancellationToken).ConfigureAwait(false);
            }
        }

        return items;
    }

    /// <summary>Hands work items to this host's next lock calls and wakes its orchestration dispatcher.</summary>
    private void Prefetch(IEnumerable<OrchestrationWorkItem> items)
    {
        var any = false;
        lock (_prefetched)
        {
            foreach (var item in items)
            {
                _prefetched.Enqueue(item);
                any = true;
            }
        }

        if (any)
        {
            _wakeUps.Nudge(WorkItemKind.Orchestration);
        }
    }

    private static async Task<long[]> ReadSequencesAsync(NpgsqlDataReader reader, int count, CancellationToken cancellationToken)
    {
        var sequences = new long[count];
        var read = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sequences[read++] = reader.GetInt64(0);
        }

        return read == count ? sequences : throw new InvalidOperationException($"Expected {count} kept activities, the server returned {read}.");
    }

    private static List<OrchestrationMessage> ReadMessages(NpgsqlDataReader reader, int first, string instanceId)
    {
        if (reader.IsDBNull(first))
        {
            return [];
        }

        var sequences = reader.GetFieldValue<long[]>(first);
        var visible = reader.GetFieldValue<long[]>(first + 1);
        var events = reader.GetFieldValue<string[]>(first + 2);
        var messages = new List<OrchestrationMessage>(sequences.Length);
        for (var i = 0; i < sequences.Length; i++)
        {
            messages.Add(new OrchestrationMessage(instanceId, StoredJson.DeserializeEvent(events[i]), StoredRows.Time(visible[i])) { Sequence = sequences[i] });
        }

        return messages;
    }

    private async Task<List<OrchestrationMessage>> ReadDeliverableAsync(InstanceRecord row, long now, CancellationToken cancellationToken)
    {
        var messages = new List<OrchestrationMessage>();
        await using var command = _dataSource.CreateCommand(_sql.SelectDeliverable);
        command.Parameters.With("hub", _hub).With("id", row.InstanceId).With("now", now).With("status", (short)row.Status);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(new OrchestrationMessage(row.InstanceId, StoredJson.DeserializeEvent(reader.GetString(2)), StoredRows.Time(reader.GetInt64(1)))
            {
                Sequence = reader.GetInt64(0),
            });
        }

        return messages;
    }

    /// <summary>Releases a lock (if still held with <paramref name="token"/>) and recomputes the instance's ready time.</summary>
    private async Task<bool> UnlockAsync(string instanceId, string token, CancellationToken cancellationToken)
    {
        long? readyAt;
        await using (var batch = _dataSource.CreateLeaseBatch())
        {
            batch.Statement(_sql.Unlock).With("hub", _hub).With("id", instanceId).With("token", token);
            batch.Statement(_sql.RefreshReady).With("hub", _hub).With("id", instanceId);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            readyAt = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetInt64(0) : null;
        }

        if (readyAt is { } ready)
        {
            Announce(WorkItemKind.Orchestration, ready);
        }

        return readyAt is not null;
    }
}
