namespace AgentFlows.Storage.PostgreSql.Internal;

/// <summary>
/// The statements of one store, with its schema name filled in. Texts never change after construction, so Npgsql's
/// auto-prepare keeps one server-side prepared statement per text and connection. Status 7 is Suspended; event types 3
/// and 20 are ExecutionTerminated and ExecutionResumed, the only messages a suspended instance takes; statuses 1, 3, 4
/// and 5 are the terminal ones.
/// </summary>
internal sealed class Sql
{
    public const string InstanceColumns =
        "instance_id, name, execution_id, status, created_at, last_updated_at, completed_at, parent_instance_id, version, tags, failure_details";

    public const string PayloadColumns = ", custom_status, output, input";

    /// <summary>
    /// Makes the current transaction commit without waiting for its WAL flush. Only for lease bookkeeping (lock,
    /// renew, release): a lease lost in a server crash is harmless, because every checkpoint and completion is fenced
    /// by the lock token, and a durable commit that follows flushes the WAL before it anyway.
    /// </summary>
    public const string AsyncCommit = "SELECT set_config('synchronous_commit', 'off', true)";

    /// <summary>The SQLSTATE that <c>assert_lease_held</c> raises when a checkpoint was fenced out.</summary>
    public const string LeaseLostState = "AF001";

    private const string Terminal = "status IN (1, 3, 4, 5)";

    /// <summary>Initializes a new instance of the <see cref="Sql"/> class.</summary>
    /// <param name="schema">The unquoted schema name.</param>
    public Sql(string schema)
    {
        var s = QuoteIdentifier(schema);
        Instances = s + ".instances";
        var messages = s + ".orchestration_messages";
        var history = s + ".history";
        var activities = s + ".activity_messages";
        var nextReadyAt =
            $"(SELECT min(m.visible_at) FROM {messages} m WHERE m.hub = @hub AND m.instance_id = @id AND (@status <> 7 OR m.event_type IN (3, 20)))";

        LockStatus = $"SELECT status FROM {Instances} WHERE hub = @hub AND instance_id = @id FOR UPDATE";
        SelectInstance = $"SELECT {InstanceColumns} FROM {Instances} WHERE hub = @hub AND instance_id = @id";
        SelectInstanceWithPayloads = $"SELECT {InstanceColumns}{PayloadColumns} FROM {Instances} WHERE hub = @hub AND instance_id = @id";
        SelectHistory = $"SELECT event FROM {history} WHERE hub = @hub AND instance_id = @id ORDER BY seq";

        var insertColumns =
            "hub, instance_id, name, execution_id, status, created_at, last_updated_at, completed_at, parent_instance_id, " +
            "version, tags, failure_details, custom_status, output, input, lock_token, locked_until, ready_at";
        var insertValues =
            "@hub, @id, @name, @execution_id, @status, @created_at, @last_updated_at, @completed_at, @parent, " +
            "0, @tags, @failure, @custom_status, @output, @input, NULL, 0, @ready_at";
        var resetColumns =
            "name = excluded.name, execution_id = excluded.execution_id, status = excluded.status, created_at = excluded.created_at, " +
            "last_updated_at = excluded.last_updated_at, completed_at = excluded.completed_at, parent_instance_id = excluded.parent_instance_id, " +
            "version = 0, tags = excluded.tags, failure_details = excluded.failure_details, custom_status = excluded.custom_status, " +
            "output = excluded.output, input = excluded.input, lock_token = NULL, locked_until = 0, ready_at = excluded.ready_at";

        CreateInstance =
            $"WITH ins AS (INSERT INTO {Instances} ({insertColumns}) VALUES ({insertValues}) " +
            "ON CONFLICT (hub, instance_id) DO NOTHING RETURNING instance_id) " +
            $"INSERT INTO {messages} (hub, instance_id, event_type, visible_at, event) SELECT @hub, instance_id, @type, @visible_at, @event FROM ins";
        // The same, leased at once to the creating host's orchestration dispatcher (local hand-off); returns the start
        // message's sequence number, which its work item needs.
        CreateInstanceKept =
            $"WITH ins AS (INSERT INTO {Instances} ({insertColumns}) VALUES ({insertValues.Replace("NULL, 0, @ready_at", "@token || '/' || @id, @until, @until", StringComparison.Ordinal)}) " +
            "ON CONFLICT (hub, instance_id) DO NOTHING RETURNING instance_id) " +
            $"INSERT INTO {messages} (hub, instance_id, event_type, visible_at, event) SELECT @hub, instance_id, @type, @visible_at, @event FROM ins RETURNING seq";
        ReplaceInstance =
            $"INSERT INTO {Instances} ({insertColumns}) VALUES ({insertValues}) ON CONFLICT (hub, instance_id) DO UPDATE SET {resetColumns}";
        UpsertChild = ReplaceInstance + " WHERE " + Instances + "." + Terminal;
        DeleteInstanceData =
            $"WITH h AS (DELETE FROM {history} WHERE hub = @hub AND instance_id = ANY(@ids)), " +
            $"m AS (DELETE FROM {messages} WHERE hub = @hub AND instance_id = ANY(@ids)) " +
            $"DELETE FROM {activities} WHERE hub = @hub AND instance_id = ANY(@ids)";
        ResetTerminalChildren =
            $"WITH t AS (SELECT instance_id FROM {Instances} WHERE hub = @hub AND instance_id = ANY(@ids) AND {Terminal}), " +
            $"h AS (DELETE FROM {history} WHERE hub = @hub AND instance_id = ANY(ARRAY(SELECT instance_id FROM t))), " +
            $"m AS (DELETE FROM {messages} WHERE hub = @hub AND instance_id = ANY(ARRAY(SELECT instance_id FROM t))) " +
            $"DELETE FROM {activities} WHERE hub = @hub AND instance_id = ANY(ARRAY(SELECT instance_id FROM t))";
        InsertStartMessage =
            $"INSERT INTO {messages} (hub, instance_id, event_type, visible_at, event) VALUES (@hub, @id, @type, @visible_at, @event)";

        SendMessage =
            $"WITH t AS (UPDATE {Instances} SET ready_at = CASE WHEN lock_token IS NULL AND (status <> 7 OR @type IN (3, 20)) " +
            "AND (ready_at IS NULL OR ready_at > @visible_at) THEN @visible_at ELSE ready_at END " +
            "WHERE hub = @hub AND instance_id = @id RETURNING instance_id) " +
            $"INSERT INTO {messages} (hub, instance_id, event_type, visible_at, event) SELECT @hub, instance_id, @type, @visible_at, @event FROM t";

        NextOrchestrationDue = $"SELECT ready_at FROM {Instances} WHERE hub = @hub AND ready_at IS NOT NULL ORDER BY ready_at LIMIT 1";
        NextActivityDue = $"SELECT locked_until FROM {activities} WHERE hub = @hub ORDER BY locked_until LIMIT 1";

        // One round trip: pick and lease up to @max instances, oldest ready first, and read their due messages. Each
        // lock token is the call's token and the instance id. The second read of a row sees the statement's snapshot;
        // when it is older than the version locked (a checkpoint committed in between) the messages read with it may be
        // stale, and the caller reads them again (SelectDeliverable).
        LockNextInstances = LockInstances(
            $"SELECT instance_id, ready_at FROM {Instances} WHERE hub = @hub AND ready_at <= @now ORDER BY ready_at LIMIT @max FOR UPDATE SKIP LOCKED", messages);

        // The same for the instances that activity completions of this host just made ready (see CompleteActivity):
        // id order, so that two batches never wait on each other in a cycle.
        LockListedInstances = LockInstances(
            $"SELECT instance_id, ready_at FROM {Instances} WHERE hub = @hub AND instance_id = ANY(@ids) AND ready_at <= @now " +
            "ORDER BY instance_id FOR UPDATE SKIP LOCKED",
            messages);
        SelectDeliverable =
            $"SELECT seq, visible_at, event FROM {messages} WHERE hub = @hub AND instance_id = @id AND visible_at <= @now " +
            "AND (@status <> 7 OR event_type IN (3, 20)) ORDER BY seq";
        Unlock =
            $"UPDATE {Instances} SET lock_token = NULL, locked_until = 0, ready_at = {nextReadyAt.Replace("@status", "status", StringComparison.Ordinal)} " +
            "WHERE hub = @hub AND instance_id = @id AND lock_token = @token RETURNING ready_at";
        // Recomputes an unlocked instance's ready time with a snapshot taken while this transaction holds its row lock.
        // The statement that released the lock computed it too, but with the snapshot it started with: a sender that
        // held the row lock at that moment (every sender locks the target row before it inserts) and committed while
        // the release waited for the lock is missing from it, and its message would never make the instance ready.
        // Writes only when the value changed; returns the ready time (no row when the instance is locked).
        RefreshReady =
            $"WITH i AS (SELECT status FROM {Instances} WHERE hub = @hub AND instance_id = @id AND lock_token IS NULL), " +
            $"n AS (SELECT (SELECT min(m.visible_at) FROM {messages} m WHERE m.hub = @hub AND m.instance_id = @id " +
            "AND (i.status <> 7 OR m.event_type IN (3, 20))) AS ready_at FROM i), " +
            $"u AS (UPDATE {Instances} SET ready_at = n.ready_at FROM n WHERE hub = @hub AND instance_id = @id AND lock_token IS NULL " +
            $"AND {Instances}.ready_at IS DISTINCT FROM n.ready_at) " +
            "SELECT ready_at FROM n";
        Renew =
            $"UPDATE {Instances} SET locked_until = @until, ready_at = @until " +
            "WHERE hub = @hub AND instance_id = @id AND lock_token = @token AND version = @version AND locked_until > @now";

        // The checkpoint, one batch in one implicit transaction (see PostgreSqlOrchestrationStore.Work.cs).
        LockRows = $"SELECT 1 FROM {Instances} WHERE hub = @hub AND instance_id = ANY(@ids) ORDER BY instance_id FOR UPDATE";
        ConsumeMessages = $"DELETE FROM {messages} WHERE seq = ANY(@seqs) AND hub = @hub AND instance_id = @id";
        DeleteHistory = $"DELETE FROM {history} WHERE hub = @hub AND instance_id = @id";
        AppendHistory =
            $"INSERT INTO {history} (hub, instance_id, seq, event) SELECT @hub, @id, b.base + e.ord - 1, e.event " +
            "FROM unnest(@events::text[]) WITH ORDINALITY AS e(event, ord), " +
            $"(SELECT coalesce(max(seq) + 1, 0) AS base FROM {history} WHERE hub = @hub AND instance_id = @id) b";
        // Brings other instances' ready times forward for the messages a checkpoint sends them. Per target the caller
        // passes the earliest message of any kind and the earliest resume or terminate (all a suspended one takes).
        var markAt =
            "(SELECT CASE WHEN i.status = 7 THEN n.control_at ELSE n.any_at END FROM unnest(@ids::text[], @any_at::bigint[], @control_at::bigint[]) " +
            "AS n(instance_id, any_at, control_at) WHERE n.instance_id = i.instance_id)";
        MarkReady =
            $"UPDATE {Instances} i SET ready_at = {markAt} WHERE i.hub = @hub AND i.instance_id = ANY(@ids) AND i.lock_token IS NULL " +
            $"AND {markAt} < coalesce(i.ready_at, 9223372036854775807)";
        InsertMessages =
            $"INSERT INTO {messages} (hub, instance_id, event_type, visible_at, event) " +
            "SELECT @hub, n.instance_id, n.event_type, n.visible_at, n.event " +
            "FROM unnest(@ids::text[], @types::smallint[], @visible::bigint[], @events::text[]) WITH ORDINALITY AS n(instance_id, event_type, visible_at, event, ord) " +
            $"WHERE n.instance_id = ANY(ARRAY(SELECT i.instance_id FROM {Instances} i WHERE i.hub = @hub AND i.instance_id = ANY(@ids))) ORDER BY n.ord";

        // Messages to the instance being checkpointed (its timers): it exists, and its fenced update sets its ready time.
        InsertOwnMessages =
            $"INSERT INTO {messages} (hub, instance_id, event_type, visible_at, event) " +
            "SELECT @hub, @id, n.event_type, n.visible_at, n.event " +
            "FROM unnest(@types::smallint[], @visible::bigint[], @events::text[]) WITH ORDINALITY AS n(event_type, visible_at, event, ord) ORDER BY n.ord";
        InsertActivities =
            $"INSERT INTO {activities} (hub, instance_id, execution_id, message) SELECT @hub, a.instance_id, a.execution_id, a.message " +
            "FROM unnest(@ids::text[], @executions::text[], @messages::text[]) WITH ORDINALITY AS a(instance_id, execution_id, message, ord) ORDER BY a.ord";
        // Activities the checkpointing host keeps for its own activity dispatcher: inserted already leased to it, so no
        // other host races for them and no lock round trip follows. Identity values follow the ORDER BY, so the caller
        // pairs the returned sequence numbers, sorted, with its activities in order.
        InsertClaimedActivities =
            $"INSERT INTO {activities} (hub, instance_id, execution_id, message, lock_token, locked_until, dequeue_count) " +
            "SELECT @hub, a.instance_id, a.execution_id, a.message, @token, @until, 1 " +
            "FROM unnest(@ids::text[], @executions::text[], @messages::text[]) WITH ORDINALITY AS a(instance_id, execution_id, message, ord) " +
            "ORDER BY a.ord RETURNING seq";
        // Gives back attempts a host kept but never started, so the release does not count as a delivery.
        ReleaseActivities =
            $"UPDATE {activities} a SET lock_token = NULL, locked_until = 0, dequeue_count = a.dequeue_count - 1 FROM unnest(@seqs::bigint[], @tokens::text[]) AS r(seq, token) " +
            "WHERE a.hub = @hub AND a.seq = r.seq AND a.lock_token = r.token";
        CommitInstance =
            $"WITH u AS (UPDATE {Instances} SET name = @name, execution_id = @execution_id, status = @status, created_at = @created_at, " +
            "last_updated_at = @last_updated_at, completed_at = @completed_at, parent_instance_id = @parent, tags = @tags, " +
            "failure_details = @failure, custom_status = @custom_status, output = @output, input = @input, version = version + 1, " +
            $"lock_token = NULL, locked_until = 0, ready_at = {nextReadyAt} " +
            "WHERE hub = @hub AND instance_id = @id AND version = @version AND lock_token = @token AND locked_until > @now RETURNING ready_at) " +
            $"SELECT {s}.assert_lease_held(EXISTS (SELECT 1 FROM u), @id), (SELECT ready_at FROM u)";

        // A checkpoint that leaves activities kept for this host pending keeps the instance leased to this host ("held",
        // see PostgreSqlOrchestrationStore.Holds.cs): the same fenced update, with a lease instead of a release. The lease
        // is extended only once less than half of it is left: while its end (which is also the ready time of a locked
        // instance) stays, no indexed column changes and the update is HOT, with no index entry written or left dead.
        CommitInstanceHeld = CommitInstance.Replace(
            $"lock_token = NULL, locked_until = 0, ready_at = {nextReadyAt} ",
            "lock_token = @hold, locked_until = CASE WHEN locked_until >= @renew_after THEN locked_until ELSE @until END, " +
            "ready_at = CASE WHEN locked_until >= @renew_after THEN locked_until ELSE @until END ",
            StringComparison.Ordinal);
        // The earliest message of a held instance, read after its update with a snapshot of its own (messages a sender
        // committed while the update waited for the row lock included): due now, this host runs the next episode at once.
        HeldNextMessage = $"SELECT min(visible_at) FROM {messages} WHERE hub = @hub AND instance_id = @id";
        // The attempts whose completions a held instance took in memory: deleted in its checkpoint, only while this host
        // still holds their leases; any missing rolls the whole checkpoint back. No hub test: a lock token is unique to one
        // host and lease, and with one the planner would scan the hub's whole index instead of the few keys.
        DeleteDelivered =
            $"WITH d AS (DELETE FROM {activities} WHERE seq = ANY(@seqs) AND lock_token = ANY(@tokens) RETURNING 1) " +
            $"SELECT {s}.assert_lease_held((SELECT count(*) FROM d) = @count, @id)";
        // Which held instances have messages due (sent by other instances, clients or hosts, or their own timers).
        HeldWithMessages =
            $"SELECT DISTINCT instance_id FROM {messages} WHERE hub = @hub AND instance_id = ANY(@ids) AND visible_at <= @now";

        LockActivities =
            $"WITH fresh AS (SELECT seq FROM {activities} WHERE hub = @hub AND locked_until = 0 ORDER BY seq LIMIT @max FOR UPDATE SKIP LOCKED), " +
            $"expired AS (SELECT seq FROM {activities} WHERE hub = @hub AND locked_until > 0 AND locked_until <= @now ORDER BY seq LIMIT @max FOR UPDATE SKIP LOCKED), " +
            "pick AS (SELECT seq FROM fresh UNION ALL SELECT seq FROM expired ORDER BY seq LIMIT @max) " +
            $"UPDATE {activities} a SET lock_token = @token, locked_until = @until, dequeue_count = a.dequeue_count + 1 " +
            "WHERE a.seq = ANY(ARRAY(SELECT seq FROM pick)) RETURNING a.seq, a.instance_id, a.execution_id, a.dequeue_count, a.message";
        CompleteActivity =
            $"WITH done AS (DELETE FROM {activities} WHERE seq = @seq AND hub = @hub AND lock_token = @token AND locked_until > @now RETURNING seq), " +
            $"t AS (UPDATE {Instances} SET ready_at = CASE WHEN lock_token IS NULL AND (status <> 7 OR @type IN (3, 20)) " +
            "AND (ready_at IS NULL OR ready_at > @visible_at) THEN @visible_at ELSE ready_at END " +
            "WHERE hub = @hub AND instance_id = @id AND EXISTS (SELECT 1 FROM done) RETURNING instance_id), " +
            $"ins AS (INSERT INTO {messages} (hub, instance_id, event_type, visible_at, event) SELECT @hub, instance_id, @type, @visible_at, @event FROM t) " +
            "SELECT count(*) FROM done";
        AbandonActivity =
            $"UPDATE {activities} SET lock_token = NULL, locked_until = 0 WHERE seq = @seq AND hub = @hub AND lock_token = @token";
        RenewActivity =
            $"UPDATE {activities} SET locked_until = @until WHERE seq = @seq AND hub = @hub AND lock_token = @token AND locked_until > @now";

        PurgeInstance =
            $"WITH v AS (DELETE FROM {Instances} WHERE hub = @hub AND instance_id = @id AND {Terminal} RETURNING instance_id), " +
            $"h AS (DELETE FROM {history} WHERE hub = @hub AND instance_id = @id AND EXISTS (SELECT 1 FROM v)), " +
            $"m AS (DELETE FROM {messages} WHERE hub = @hub AND instance_id = @id AND EXISTS (SELECT 1 FROM v)), " +
            $"a AS (DELETE FROM {activities} WHERE hub = @hub AND instance_id = @id AND EXISTS (SELECT 1 FROM v)) " +
            $"SELECT (SELECT count(*) FROM v), (SELECT status FROM {Instances} WHERE hub = @hub AND instance_id = @id)";
        DeleteInstances = $"DELETE FROM {Instances} WHERE hub = @hub AND instance_id = ANY(@ids)";
    }

    /// <summary>Gets the qualified instances table.</summary>
    public string Instances { get; }

    public string LockStatus { get; }

    public string SelectInstance { get; }

    public string SelectInstanceWithPayloads { get; }

    public string SelectHistory { get; }

    public string CreateInstance { get; }

    public string CreateInstanceKept { get; }

    public string ReplaceInstance { get; }

    public string UpsertChild { get; }

    public string DeleteInstanceData { get; }

    public string ResetTerminalChildren { get; }

    public string InsertStartMessage { get; }

    public string SendMessage { get; }

    public string NextOrchestrationDue { get; }

    public string NextActivityDue { get; }

    public string LockNextInstances { get; }

    public string LockListedInstances { get; }

    public string SelectDeliverable { get; }

    public string Unlock { get; }

    public string Renew { get; }

    public string RefreshReady { get; }

    public string LockRows { get; }

    public string ConsumeMessages { get; }

    public string DeleteHistory { get; }

    public string AppendHistory { get; }

    public string MarkReady { get; }

    public string InsertMessages { get; }

    public string InsertOwnMessages { get; }

    public string InsertActivities { get; }

    public string InsertClaimedActivities { get; }

    public string ReleaseActivities { get; }

    public string CommitInstance { get; }

    public string CommitInstanceHeld { get; }

    public string HeldNextMessage { get; }

    public string DeleteDelivered { get; }

    public string HeldWithMessages { get; }

    public string LockActivities { get; }

    public string CompleteActivity { get; }

    public string AbandonActivity { get; }

    public string RenewActivity { get; }

    public string PurgeInstance { get; }

    public string DeleteInstances { get; }

    /// <summary>Quotes an identifier for PostgreSQL (any text is allowed; quotes are doubled).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The quoted identifier.</returns>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Builds a lock statement: lease the candidate instances and read their due messages in one round trip.</summary>
    private string LockInstances(string candidates, string messages) =>
        $"WITH c AS MATERIALIZED ({candidates}), " +
        $"u AS (UPDATE {Instances} SET lock_token = @token || '/' || instance_id, locked_until = @until, ready_at = @until " +
        "WHERE hub = @hub AND instance_id = ANY(ARRAY(SELECT instance_id FROM c)) RETURNING " + InstanceColumns + PayloadColumns + ") " +
        "SELECT " + Prefixed("u.", InstanceColumns + PayloadColumns) + ", " +
        $"(SELECT s.version FROM {Instances} s WHERE s.hub = @hub AND s.instance_id = u.instance_id), x.seqs, x.visible, x.events FROM u " +
        "JOIN c ON c.instance_id = u.instance_id " +
        "CROSS JOIN LATERAL (SELECT array_agg(m.seq ORDER BY m.seq) AS seqs, array_agg(m.visible_at ORDER BY m.seq) AS visible, " +
        $"array_agg(m.event ORDER BY m.seq) AS events FROM {messages} m WHERE m.hub = @hub AND m.instance_id = u.instance_id " +
        "AND m.visible_at <= @now AND (u.status <> 7 OR m.event_type IN (3, 20))) x ORDER BY c.ready_at, c.instance_id";

    private static string Prefixed(string prefix, string columns) =>
        string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => prefix + c));
}
