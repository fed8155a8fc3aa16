namespace AgentFlows.Storage.Sqlite.Internal;

/// <summary>
/// The statements of the hot path. Each is a constant so that <see cref="SqliteSession"/> can cache one prepared
/// command per text. Status 7 is Suspended; event types 3 and 20 are ExecutionTerminated and ExecutionResumed, the
/// only messages a suspended instance takes.
/// </summary>
internal static class Sql
{
    public const string Begin = "BEGIN IMMEDIATE";
    public const string Commit = "COMMIT";
    public const string Rollback = "ROLLBACK";
    public const string Savepoint = "SAVEPOINT op";
    public const string ReleaseSavepoint = "RELEASE op";
    public const string RollbackToSavepoint = "ROLLBACK TO op";

    public const string InstanceColumns =
        "instance_id, name, execution_id, status, created_at, last_updated_at, completed_at, parent_instance_id, version, tags, failure_details";

    public const string PayloadColumns = ", custom_status, output, input";

    /// <summary>The earliest deliverable message of the instance being updated, given its status as it stands.</summary>
    public const string NextReadyAt =
        "(SELECT m.visible_at FROM orchestration_messages m WHERE m.instance_id = instances.instance_id " +
        "AND (instances.status <> 7 OR m.event_type IN (3, 20)) ORDER BY m.visible_at LIMIT 1)";

    /// <summary>
    /// The same for the status the statement sets ($status): SET expressions see the row as it was, so the old status
    /// would hold back (or release) the wrong messages.
    /// </summary>
    public const string NextReadyAtForNewStatus =
        "(SELECT m.visible_at FROM orchestration_messages m WHERE m.instance_id = instances.instance_id " +
        "AND ($status <> 7 OR m.event_type IN (3, 20)) ORDER BY m.visible_at LIMIT 1)";

    public const string SelectStatus = "SELECT status FROM instances WHERE instance_id = $id";

    public const string UpsertInstance =
        "INSERT INTO instances (instance_id, name, execution_id, status, created_at, last_updated_at, completed_at, parent_instance_id, " +
        "version, tags, failure_details, custom_status, output, input, lock_token, locked_until, ready_at) " +
        "VALUES ($id, $name, $execution_id, $status, $created_at, $last_updated_at, $completed_at, $parent, 0, $tags, $failure, $custom_status, $output, $input, NULL, 0, NULL) " +
        "ON CONFLICT (instance_id) DO UPDATE SET name = excluded.name, execution_id = excluded.execution_id, status = excluded.status, " +
        "created_at = excluded.created_at, last_updated_at = excluded.last_updated_at, completed_at = excluded.completed_at, " +
        "parent_instance_id = excluded.parent_instance_id, version = 0, tags = excluded.tags, failure_details = excluded.failure_details, " +
        "custom_status = excluded.custom_status, output = excluded.output, input = excluded.input, lock_token = NULL, locked_until = 0, ready_at = NULL";

    public const string DeleteHistory = "DELETE FROM history WHERE instance_id = $id";
    public const string DeleteMessages = "DELETE FROM orchestration_messages WHERE instance_id = $id";
    public const string DeleteActivities = "DELETE FROM activity_messages WHERE instance_id = $id";

    /// <summary>One pass over the (small: pending attempts only) activity table for a whole batch of purged ids.</summary>
    public const string DeleteActivitiesOfMany =
        "DELETE FROM activity_messages WHERE instance_id IN (SELECT value FROM json_each($ids))";
    public const string DeleteInstance = "DELETE FROM instances WHERE instance_id = $id";

    /// <summary>Adds a message when its instance exists (one row inserted) and drops it otherwise.</summary>
    public const string InsertMessage =
        "INSERT INTO orchestration_messages (instance_id, event_type, visible_at, event) " +
        "SELECT $id, $type, $visible_at, $event WHERE EXISTS (SELECT 1 FROM instances WHERE instance_id = $id)";

    /// <summary>
    /// Brings ready_at forward for a new message: only when the instance is unlocked, takes the message (a suspended
    /// one takes only resume and terminate) and is not ready earlier already, so most fan-in results write nothing.
    /// </summary>
    public const string MarkReady =
        "UPDATE instances SET ready_at = $visible_at WHERE instance_id = $id AND lock_token IS NULL " +
        "AND (status <> 7 OR $type IN (3, 20)) AND (ready_at IS NULL OR ready_at > $visible_at)";

    public const string SelectInstance = "SELECT " + InstanceColumns + " FROM instances WHERE instance_id = $id";
    public const string SelectInstanceWithPayloads = "SELECT " + InstanceColumns + PayloadColumns + " FROM instances WHERE instance_id = $id";
    public const string SelectHistory = "SELECT event FROM history WHERE instance_id = $id ORDER BY seq";

    public const string NextOrchestrationDue = "SELECT ready_at FROM instances WHERE ready_at IS NOT NULL ORDER BY ready_at LIMIT 1";
    public const string NextActivityDue = "SELECT locked_until FROM activity_messages ORDER BY locked_until LIMIT 1";

    public const string LockNextInstance =
        "UPDATE instances SET lock_token = $token, locked_until = $until, ready_at = $until WHERE instance_id = " +
        "(SELECT instance_id FROM instances WHERE ready_at <= $now AND locked_until <= $now ORDER BY ready_at LIMIT 1) " +
        "RETURNING " + InstanceColumns + PayloadColumns;

    public const string SelectDeliverable =
        "SELECT seq, visible_at, event FROM orchestration_messages WHERE instance_id = $id AND visible_at <= $now " +
        "AND ($status <> 7 OR event_type IN (3, 20)) ORDER BY seq";

    public const string Unlock =
        "UPDATE instances SET lock_token = NULL, locked_until = 0, ready_at = " + NextReadyAt + " WHERE instance_id = $id AND lock_token = $token RETURNING ready_at";

    public const string Renew =
        "UPDATE instances SET locked_until = $until, ready_at = $until " +
        "WHERE instance_id = $id AND lock_token = $token AND version = $version AND locked_until > $now";

    public const string ConsumeMessage = "DELETE FROM orchestration_messages WHERE seq = $seq AND instance_id = $id";
    public const string NextHistorySeq = "SELECT IFNULL(MAX(seq) + 1, 0) FROM history WHERE instance_id = $id";
    public const string InsertHistory = "INSERT INTO history (instance_id, seq, event) VALUES ($id, $seq, $event)";

    public const string InsertActivity =
        "INSERT INTO activity_messages (instance_id, execution_id, message) VALUES ($id, $execution_id, $message)";

    /// <summary>The fenced end of a checkpoint: matches no row when the lease or the version was lost.</summary>
    public const string CommitInstance =
        "UPDATE instances SET name = $name, execution_id = $execution_id, status = $status, created_at = $created_at, " +
        "last_updated_at = $last_updated_at, completed_at = $completed_at, parent_instance_id = $parent, tags = $tags, " +
        "failure_details = $failure, custom_status = $custom_status, output = $output, " +
        "input = CASE WHEN $keep_input THEN input ELSE $input END, version = version + 1, " +
        "lock_token = NULL, locked_until = 0, ready_at = " + NextReadyAtForNewStatus + " " +
        "WHERE instance_id = $id AND version = $version AND lock_token = $token AND locked_until > $now RETURNING ready_at";

    /// <summary>Never-locked attempts, oldest first, straight from ix_activity_messages_lock.</summary>
    public const string SelectUnlockedActivities =
        "SELECT seq FROM activity_messages WHERE locked_until = 0 ORDER BY seq LIMIT $max";

    /// <summary>Attempts whose lease ran out, earliest expiry first (index order, no sort).</summary>
    public const string SelectExpiredActivities =
        "SELECT seq FROM activity_messages WHERE locked_until > 0 AND locked_until <= $now ORDER BY locked_until LIMIT $max";

    public const string LockActivity =
        "UPDATE activity_messages SET lock_token = $token, locked_until = $until, dequeue_count = dequeue_count + 1 WHERE seq = $seq " +
        "RETURNING instance_id, execution_id, dequeue_count, message";

    public const string CompleteActivity = "DELETE FROM activity_messages WHERE seq = $seq AND lock_token = $token AND locked_until > $now";
    public const string AbandonActivity = "UPDATE activity_messages SET lock_token = NULL, locked_until = 0 WHERE seq = $seq AND lock_token = $token";

    public const string RenewActivity =
        "UPDATE activity_messages SET locked_until = $until WHERE seq = $seq AND lock_token = $token AND locked_until > $now";
}
