-- Todos of the todo tools and /api/todos, per tenant. Ids are global, every query is scoped by tenant.
CREATE TABLE IF NOT EXISTS agent_todos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant TEXT NOT NULL,
    title TEXT NOT NULL,
    priority TEXT NOT NULL,
    due TEXT NULL,
    tags TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    completed_at BIGINT NULL,
    idempotency_key TEXT NULL
);

CREATE INDEX IF NOT EXISTS ix_agent_todos_tenant_id ON agent_todos (tenant, id DESC);
CREATE INDEX IF NOT EXISTS ix_agent_todos_tenant_due ON agent_todos (tenant, due);
CREATE UNIQUE INDEX IF NOT EXISTS ux_agent_todos_idempotency ON agent_todos (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- One row per (todo, lower-cased tag), so a tag filter is an index seek.
CREATE TABLE IF NOT EXISTS agent_todo_tags (
    todo_id INTEGER NOT NULL,
    tenant TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (todo_id, tag)
);

CREATE INDEX IF NOT EXISTS ix_agent_todo_tags_tenant_tag ON agent_todo_tags (tenant, tag);
