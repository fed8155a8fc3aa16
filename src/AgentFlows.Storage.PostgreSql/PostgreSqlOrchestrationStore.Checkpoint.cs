using AgentFlows.Storage.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;

namespace AgentFlows.Storage.PostgreSql;

/// <summary>The statements of one checkpoint.</summary>
public sealed partial class PostgreSqlOrchestrationStore
{
    /// <summary>The statements of one checkpoint, and what the caller needs to read its results and announce its work.</summary>
    /// <param name="Batch">The statements.</param>
    /// <param name="LocksOthers">Whether the first statement locks other instances (and returns rows).</param>
    /// <param name="EarliestMessage">The earliest visibility among the messages enqueued.</param>
    /// <param name="Claim">The activities kept for this host (the first <c>Count</c> of the checkpoint's), with their lease.</param>
    /// <param name="Hold">The hold the instance stays under (token null when it is released), and how many results taken in memory it consumes.</param>
    private sealed record CheckpointBatch(
        NpgsqlBatch Batch, bool LocksOthers, long? EarliestMessage, (int Count, string? Token, long Until) Claim, (string? Token, long Until, int Consumed) Hold)
    {
        public static CheckpointBatch Build(PostgreSqlOrchestrationStore store, OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, long now)
        {
            var sql = store._sql;
            var hub = store._hub;
            var id = workItem.Instance.InstanceId;
            var batch = store._dataSource.CreateBatch();
            var messages = checkpoint.NewInstances.Count == 0
                ? checkpoint.OrchestratorMessages
                : [.. checkpoint.NewInstances.Select(c => c.Start), .. checkpoint.OrchestratorMessages];

            var others = messages.Select(m => m.InstanceId).Where(t => !string.Equals(t, id, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            if (others.Count > 0)
            {
                batch.Statement(sql.LockRows).With("hub", hub).WithArray("ids", NpgsqlDbType.Text, others.Append(id).ToArray());
            }

            // Messages with no sequence number are results a held instance took in memory: their attempts are deleted instead.
            var stored = workItem.Messages.Where(m => m.Sequence > 0).Select(m => m.Sequence).ToArray();
            if (stored.Length > 0)
            {
                batch.Statement(sql.ConsumeMessages).WithArray("seqs", NpgsqlDbType.Bigint, stored).With("hub", hub).With("id", id);
            }

            if (checkpoint.ReplaceHistory)
            {
                batch.Statement(sql.DeleteHistory).With("hub", hub).With("id", id);
            }

            if (checkpoint.NewHistory.Count > 0)
            {
                batch.Statement(sql.AppendHistory).With("hub", hub).With("id", id)
                    .WithArray("events", NpgsqlDbType.Text, checkpoint.NewHistory.Select(StoredJson.Serialize).ToArray());
            }

            if (checkpoint.NewInstances.Count > 0)
            {
                batch.Statement(sql.ResetTerminalChildren).With("hub", hub)
                    .WithArray("ids", NpgsqlDbType.Text, checkpoint.NewInstances.Select(c => c.Instance.InstanceId).ToArray());
                foreach (var child in checkpoint.NewInstances)
                {
                    batch.Statement(sql.UpsertChild).With("hub", hub).WithInstance(child.Instance).With("ready_at", (long?)null);
                }
            }

            long? earliest = null;
            if (messages.Count > 0)
            {
                earliest = AddMessages(batch, sql, hub, id, messages, others.Count > 0);
            }

            var claim = (Count: 0, Token: (string?)null, Until: 0L);
            var (keep, lease) = store.ClaimBudget(checkpoint.ActivityMessages.Count);
            var (holdToken, holdUntil, delivered) = store.PlanHold(workItem, checkpoint, keep, now);
            if (delivered.Count > 0)
            {
                batch.Statement(sql.DeleteDelivered).With("hub", hub).With("id", id).With("count", (long)delivered.Count)
                    .WithArray("seqs", NpgsqlDbType.Bigint, delivered.Select(d => d.Item.Sequence).ToArray())
                    .WithArray("tokens", NpgsqlDbType.Text, delivered.Select(d => d.Item.LockToken).ToArray());
            }

            if (checkpoint.ActivityMessages.Count > 0)
            {
                var activities = checkpoint.ActivityMessages;
                if (keep > 0)
                {
                    claim = (keep, store.NewKeptToken(), now + lease);
                    AddActivities(batch.Statement(sql.InsertClaimedActivities).With("hub", hub).With("token", claim.Token).With("until", claim.Until), activities.Take(keep));
                }

                if (keep < activities.Count)
                {
                    AddActivities(batch.Statement(sql.InsertActivities).With("hub", hub), activities.Skip(keep));
                }
            }

            var commit = batch.Statement(holdToken is null ? sql.CommitInstance : sql.CommitInstanceHeld).With("hub", hub).WithInstance(checkpoint.Instance)
                .With("version", workItem.Instance.Version).With("token", workItem.LockToken).With("now", now);
            if (holdToken is not null)
            {
                commit.With("hold", holdToken).With("until", holdUntil).With("renew_after", now + ((holdUntil - now) / 2));
            }

            batch.Statement(holdToken is null ? sql.RefreshReady : sql.HeldNextMessage).With("hub", hub).With("id", id);
            return new CheckpointBatch(batch, others.Count > 0, earliest, claim, (holdToken, holdUntil, delivered.Count));
        }

        private static void AddActivities(NpgsqlParameterCollection statement, IEnumerable<ActivityMessage> activities)
        {
            var list = activities as IReadOnlyCollection<ActivityMessage> ?? [.. activities];
            statement.WithArray("ids", NpgsqlDbType.Text, list.Select(a => a.InstanceId).ToArray())
                .WithArray("executions", NpgsqlDbType.Text, list.Select(a => a.ExecutionId).ToArray())
                .WithArray("messages", NpgsqlDbType.Text, list.Select(a => StoredJson.Serialize(a.Event)).ToArray());
        }

        /// <summary>Adds the statements that enqueue <paramref name="messages"/> (in order) and wake their targets.</summary>
        /// <returns>The earliest visibility among them.</returns>
        private static long AddMessages(NpgsqlBatch batch, Sql sql, string hub, string id, IReadOnlyList<OrchestrationMessage> messages, bool toOthers)
        {
            var types = new short[messages.Count];
            var visible = new long[messages.Count];
            var events = new string[messages.Count];
            var earliest = long.MaxValue;
            for (var i = 0; i < messages.Count; i++)
            {
                types[i] = (short)messages[i].Event.EventType;
                visible[i] = StoredRows.Ticks(messages[i].VisibleAt);
                events[i] = StoredJson.Serialize(messages[i].Event);
                earliest = Math.Min(earliest, visible[i]);
            }

            if (!toOthers)
            {
                batch.Statement(sql.InsertOwnMessages).With("hub", hub).With("id", id)
                    .WithArray("types", NpgsqlDbType.Smallint, types).WithArray("visible", NpgsqlDbType.Bigint, visible).WithArray("events", NpgsqlDbType.Text, events);
                return earliest;
            }

            // Per other target: its earliest message, and its earliest resume or terminate (what a suspended instance takes).
            var targets = new Dictionary<string, (long Any, long? Control)>(StringComparer.Ordinal);
            for (var i = 0; i < messages.Count; i++)
            {
                var target = messages[i].InstanceId;
                if (string.Equals(target, id, StringComparison.Ordinal))
                {
                    continue;
                }

                var control = messages[i].Event.EventType is History.EventType.ExecutionResumed or History.EventType.ExecutionTerminated ? visible[i] : (long?)null;
                targets[target] = targets.TryGetValue(target, out var seen)
                    ? (Math.Min(seen.Any, visible[i]), control is null || (seen.Control is { } c && c <= control) ? seen.Control : control)
                    : (visible[i], control);
            }

            batch.Statement(sql.MarkReady).With("hub", hub)
                .WithArray("ids", NpgsqlDbType.Text, targets.Keys.ToArray())
                .WithArray("any_at", NpgsqlDbType.Bigint, targets.Values.Select(t => t.Any).ToArray())
                .WithArray("control_at", NpgsqlDbType.Bigint, targets.Values.Select(t => t.Control).ToArray());
            batch.Statement(sql.InsertMessages).With("hub", hub).WithArray("ids", NpgsqlDbType.Text, messages.Select(m => m.InstanceId).ToArray())
                .WithArray("types", NpgsqlDbType.Smallint, types).WithArray("visible", NpgsqlDbType.Bigint, visible).WithArray("events", NpgsqlDbType.Text, events);
            return earliest;
        }
    }
}
