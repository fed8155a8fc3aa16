-- AgentFlows PostgreSQL schema, version 1. Applied once, inside the migrator's transaction, which holds an advisory
-- lock so that hosts starting together apply it once. __schema__ is replaced by the quoted schema name.
-- Times are bigint ticks (100 ns since 0001-01-01, UTC): exact, so ordering by created time never ties by rounding.
-- Ids are COLLATE "C" so that listing order and prefix ranges are byte order, the same on every database locale.

CREATE TABLE __schema__.instances (
    hub                text     COLLATE "C" NOT NULL,
    instance_id        text     COLLATE "C" NOT NULL,
    name               text     NOT NULL,
    execution_id       text     NOT NULL,
    status             smallint NOT NULL,
    created_at         bigint   NOT NULL,
    last_updated_at    bigint   NOT NULL,
    completed_at       bigint   NULL,
    parent_instance_id text     NULL,
    -- The fencing version: every checkpoint commits only if it still holds the version its work item read.
    version            bigint   NOT NULL DEFAULT 0,
    lock_token         text     NULL,
    -- 0 when not locked.
    locked_until       bigint   NOT NULL DEFAULT 0,
    -- When the instance can next be locked: its earliest deliverable message, or the end of its lease while locked;
    -- NULL when it has nothing to do. Kept current by every write, so locking the next instance is one index seek.
    ready_at           bigint   NULL,
    tags               text     NULL,
    failure_details    text     NULL,
    custom_status      text     NULL,
    output             text     NULL,
    input              text     NULL,
    PRIMARY KEY (hub, instance_id)
) WITH (fillfactor = 80);

CREATE INDEX ix_instances_ready ON __schema__.instances (hub, ready_at) WHERE ready_at IS NOT NULL;
CREATE INDEX ix_instances_created ON __schema__.instances (hub, created_at, instance_id);
CREATE INDEX ix_instances_status_created ON __schema__.instances (hub, status, created_at, instance_id);

CREATE TABLE __schema__.history (
    hub         text   COLLATE "C" NOT NULL,
    instance_id text   COLLATE "C" NOT NULL,
    seq         bigint NOT NULL,
    event       text   NOT NULL,
    PRIMARY KEY (hub, instance_id, seq)
);

-- seq comes from one sequence, taken while the target instance's row is locked, so per instance it is commit order.
CREATE TABLE __schema__.orchestration_messages (
    seq         bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hub         text     COLLATE "C" NOT NULL,
    instance_id text     COLLATE "C" NOT NULL,
    event_type  smallint NOT NULL,
    visible_at  bigint   NOT NULL,
    event       text     NOT NULL
);

CREATE INDEX ix_orchestration_messages_instance ON __schema__.orchestration_messages (hub, instance_id, visible_at);

CREATE TABLE __schema__.activity_messages (
    seq           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hub           text    COLLATE "C" NOT NULL,
    instance_id   text    COLLATE "C" NOT NULL,
    execution_id  text    NOT NULL,
    lock_token    text    NULL,
    -- 0 when not locked.
    locked_until  bigint  NOT NULL DEFAULT 0,
    dequeue_count integer NOT NULL DEFAULT 0,
    message       text    NOT NULL
) WITH (fillfactor = 80);

CREATE INDEX ix_activity_messages_lock ON __schema__.activity_messages (hub, locked_until, seq);
CREATE INDEX ix_activity_messages_instance ON __schema__.activity_messages (hub, instance_id);

-- Ends a checkpoint's implicit transaction when its fenced update matched nothing: the error rolls back every
-- statement of the batch, so a checkpoint is one round trip and still all-or-nothing.
CREATE FUNCTION __schema__.assert_lease_held(held boolean, instance_id text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF NOT held THEN
        RAISE EXCEPTION 'The lease on instance ''%'' was lost; the episode is discarded.', instance_id USING ERRCODE = 'AF001';
    END IF;
    RETURN true;
END
$$;
