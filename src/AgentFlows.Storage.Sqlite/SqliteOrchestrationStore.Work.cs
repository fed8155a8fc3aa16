using AgentFlows.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AgentFlows.Storage.Sqlite;

/// <summary>Orchestration work items: lock, checkpoint, abandon, renew.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <inheritdoc/>
    public Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var token = NewToken();
        return WriteAsync(
            s =>
            {
                var now = NowTicks;
                var until = now + lease.Ticks;

                // One seek on ix_instances_ready finds the instance; a stale ready_at (nothing deliverable after all)
                // is corrected and the next instance tried.
                for (var attempt = 0; attempt < 16; attempt++)
                {
                    InstanceRecord row;
                    using (var reader = s.Command(Sql.LockNextInstance).With("$token", token).With("$until", until).With("$now", now).ExecuteReader())
                    {
                        if (!reader.Read())
                        {
                            return null;
                        }

                        row = StoredRows.ReadInstance(reader, withPayloads: true);
                    }

                    var messages = ReadDeliverable(s, row, now);
                    if (messages.Count > 0)
                    {
                        return new OrchestrationWorkItem { Instance = row, Messages = messages, LockToken = token, LockedUntil = StoredRows.Time(until) };
                    }

                    s.Command(Sql.Unlock).With("$id", row.InstanceId).With("$token", token).ExecuteNonQuery();
                }

                return null;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<long> CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var id = workItem.Instance.InstanceId;
        if (!string.Equals(checkpoint.Instance.InstanceId, id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The checkpoint is for instance '{checkpoint.Instance.InstanceId}', the work item for '{id}'.", nameof(checkpoint));
        }

        var readyAt = await WriteAsync(s => Checkpoint(s, workItem, checkpoint), cancellationToken).ConfigureAwait(false);
        if (readyAt is { } ready)
        {
            // Messages that arrived while the instance was locked are lockable again now.
            _signal.Notify(WorkItemKind.Orchestration, StoredRows.Time(ready));
        }

        if (checkpoint.ActivityMessages.Count > 0)
        {
            _signal.Notify(WorkItemKind.Activity, Now);
        }

        var earliest = DateTime.MaxValue;
        foreach (var m in checkpoint.OrchestratorMessages)
        {
            earliest = m.VisibleAt < earliest ? m.VisibleAt : earliest;
        }

        foreach (var child in checkpoint.NewInstances)
        {
            earliest = child.Start.VisibleAt < earliest ? child.Start.VisibleAt : earliest;
        }

        if (earliest != DateTime.MaxValue)
        {
            _signal.Notify(WorkItemKind.Orchestration, earliest);
        }

        return workItem.Instance.Version + 1;
    }

    /// <inheritdoc/>
    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var readyAt = await WriteAsync(
            s =>
            {
                using var reader = s.Command(Sql.Unlock).With("$id", workItem.Instance.InstanceId).With("$token", workItem.LockToken).ExecuteReader();
                return reader.Read() && !reader.IsDBNull(0) ? reader.GetInt64(0) : (long?)null;
            },
            cancellationToken).ConfigureAwait(false);
        if (readyAt is { } ready)
        {
            _signal.Notify(WorkItemKind.Orchestration, StoredRows.Time(ready));
        }
    }

    /// <inheritdoc/>
    public Task<OrchestrationWorkItem> RenewOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return WriteAsync(
            s => Renew(s.Command(Sql.Renew).With("$id", workItem.Instance.InstanceId).With("$token", workItem.LockToken).With("$version", workItem.Instance.Version), lease) is { } until
                ? workItem with { LockedUntil = StoredRows.Time(until) }
                : throw new LeaseLostException($"The lease on instance '{workItem.Instance.InstanceId}' was lost."),
            cancellationToken);
    }

    /// <summary>Runs a renew statement (it matches only while the lease is held) with the new lease's end.</summary>
    /// <returns>The new end of the lease, or null when it was lost.</returns>
    private long? Renew(SqliteCommand renew, TimeSpan lease)
    {
        var now = NowTicks;
        var until = now + lease.Ticks;
        return renew.With("$until", until).With("$now", now).ExecuteNonQuery() == 1 ? until : null;
    }

    private static List<OrchestrationMessage> ReadDeliverable(SqliteSession s, InstanceRecord row, long now)
    {
        var messages = new List<OrchestrationMessage>();
        using var reader = s.Command(Sql.SelectDeliverable).With("$id", row.InstanceId).With("$now", now).With("$status", (int)row.Status).ExecuteReader();
        while (reader.Read())
        {
            messages.Add(new OrchestrationMessage(row.InstanceId, StoredJson.DeserializeEvent(reader.GetString(2)), StoredRows.Time(reader.GetInt64(1)))
            {
                Sequence = reader.GetInt64(0),
            });
        }

        return messages;
    }

    /// <summary>Writes one checkpoint; the fenced instance update comes last and throws (rolling all back) when it matches nothing.</summary>
    /// <returns>The instance's new ready time, if it has deliverable messages left.</returns>
    private long? Checkpoint(SqliteSession s, OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint)
    {
        var id = workItem.Instance.InstanceId;
        foreach (var m in workItem.Messages)
        {
            s.Command(Sql.ConsumeMessage).With("$seq", m.Sequence).With("$id", id).ExecuteNonQuery();
        }

        if (checkpoint.ReplaceHistory || checkpoint.NewHistory.Count > 0)
        {
            long next = 0;
            if (checkpoint.ReplaceHistory)
            {
                s.Command(Sql.DeleteHistory).With("$id", id).ExecuteNonQuery();
            }
            else
            {
                next = (long)s.Command(Sql.NextHistorySeq).With("$id", id).ExecuteScalar()!;
            }

            foreach (var e in checkpoint.NewHistory)
            {
                s.Command(Sql.InsertHistory).With("$id", id).With("$seq", next++).With("$event", StoredJson.Serialize(e)).ExecuteNonQuery();
            }
        }

        foreach (var child in checkpoint.NewInstances)
        {
            var existing = ReadStatus(s, child.Instance.InstanceId);
            if (existing is null || existing.Value.IsTerminal())
            {
                if (existing is not null)
                {
                    DeleteInstanceData(s, child.Instance.InstanceId);
                }

                s.Command(Sql.UpsertInstance).WithInstance(child.Instance).ExecuteNonQuery();
            }

            Enqueue(s, child.Start);
        }

        foreach (var m in checkpoint.OrchestratorMessages)
        {
            Enqueue(s, m);
        }

        foreach (var a in checkpoint.ActivityMessages)
        {
            s.Command(Sql.InsertActivity)
                .With("$id", a.InstanceId)
                .With("$execution_id", a.ExecutionId)
                .With("$message", StoredJson.Serialize(a.Event))
                .ExecuteNonQuery();
        }

        // The input rarely changes (continue-as-new, rewind): when it does not, it is neither re-encoded nor re-bound.
        var keepInput = string.Equals(checkpoint.Instance.Input, workItem.Instance.Input, StringComparison.Ordinal);
        using var reader = s.Command(Sql.CommitInstance)
            .WithInstance(keepInput ? checkpoint.Instance with { Input = null } : checkpoint.Instance)
            .With("$keep_input", keepInput)
            .With("$version", workItem.Instance.Version)
            .With("$token", workItem.LockToken)
            .With("$now", NowTicks)
            .ExecuteReader();
        if (!reader.Read())
        {
            throw new LeaseLostException($"The lease on instance '{id}' was lost; the episode is discarded.");
        }

        return reader.IsDBNull(0) ? null : reader.GetInt64(0);
    }
}
