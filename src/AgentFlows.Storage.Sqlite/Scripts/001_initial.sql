-- AgentFlows SQLite schema, version 1. Applied once, inside the migrator's transaction.
-- Times are INTEGER ticks (100 ns since 0001-01-01, UTC) so comparisons and ordering are exact.

CREATE TABLE instances (
    instance_id        TEXT    NOT NULL PRIMARY KEY,
    name               TEXT    NOT NULL,
    execution_id       TEXT    NOT NULL,
    status             INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    last_updated_at    INTEGER NOT NULL,
    completed_at       INTEGER NULL,
    parent_instance_id TEXT    NULL,
    version            INTEGER NOT NULL DEFAULT 0,
    lock_token         TEXT    NULL,
    locked_until       INTEGER NOT NULL DEFAULT 0,
    -- When the instance can next be locked: the earliest visible_at of its deliverable messages, or the end of
    -- its lease while locked; NULL when it has nothing to do. Kept up to date by every write so that locking the
    -- next instance is one index seek.
    ready_at           INTEGER NULL,
    tags               TEXT    NULL,
    failure_details    TEXT    NULL,
    -- Payloads last: reading the columns before them never touches their overflow pages.
    custom_status      TEXT    NULL,
    output             TEXT    NULL,
    input              TEXT    NULL
);

CREATE INDEX ix_instances_ready ON instances (ready_at) WHERE ready_at IS NOT NULL;
CREATE INDEX ix_instances_created ON instances (created_at, instance_id);
CREATE INDEX ix_instances_status_created ON instances (status, created_at, instance_id);

-- Clustered by (instance_id, seq): an instance's history is one contiguous range, read without a lookup per row.
CREATE TABLE history (
    instance_id TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    event       TEXT    NOT NULL,
    PRIMARY KEY (instance_id, seq)
);

-- seq is the rowid: a new row always gets a number above every row still present, so seq order is commit order
-- among the rows a reader can see. (AUTOINCREMENT would also keep deleted numbers from coming back, at the price
-- of an extra page write per insert; no reader keeps a deleted seq: checkpoints are fenced, tokens guard leases.)
CREATE TABLE orchestration_messages (
    seq         INTEGER PRIMARY KEY,
    instance_id TEXT    NOT NULL,
    event_type  INTEGER NOT NULL,
    visible_at  INTEGER NOT NULL,
    event       TEXT    NOT NULL
);

CREATE INDEX ix_orchestration_messages_instance ON orchestration_messages (instance_id, visible_at);

CREATE TABLE activity_messages (
    seq           INTEGER PRIMARY KEY,
    instance_id   TEXT    NOT NULL,
    execution_id  TEXT    NOT NULL,
    lock_token    TEXT    NULL,
    -- 0 when not locked.
    locked_until  INTEGER NOT NULL DEFAULT 0,
    dequeue_count INTEGER NOT NULL DEFAULT 0,
    message       TEXT    NOT NULL
);

-- Finds never-locked and expired attempts oldest first. No index on instance_id: only purge and replacement look
-- rows up that way, and one index less saves two page writes per activity.
CREATE INDEX ix_activity_messages_lock ON activity_messages (locked_until, seq);
