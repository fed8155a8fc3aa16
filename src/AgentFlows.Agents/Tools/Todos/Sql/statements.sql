-- Named statements of the todo repository, the same in every dialect. Each starts at a "-- name:" line; {{x}} is
-- replaced by the statement or fragment named x, here or in the dialect's statements.sql (which also wins on a name
-- defined in both). Parameters are bound by name; text comparisons use values lower-cased by the caller.

-- name: versions-table
CREATE TABLE IF NOT EXISTS agent_schema_versions (
    component TEXT NOT NULL,
    version INTEGER NOT NULL,
    applied_at BIGINT NOT NULL,
    PRIMARY KEY (component, version)
);

-- name: current-version
SELECT COALESCE(MAX(version), 0) FROM agent_schema_versions WHERE component = @component;

-- name: record-version
INSERT INTO agent_schema_versions (component, version, applied_at) VALUES (@component, @version, @now);

-- name: insert
INSERT INTO agent_todos (tenant, title, priority, due, tags, done, created_at, completed_at, idempotency_key)
VALUES (@tenant, @title, @priority, @due, @tags, 0, @now, NULL, @key)
ON CONFLICT (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
RETURNING id;

-- name: insert-tag
INSERT INTO agent_todo_tags (todo_id, tenant, tag) VALUES (@id, @tenant, @tag) ON CONFLICT DO NOTHING;

-- name: delete-tags
DELETE FROM agent_todo_tags WHERE todo_id = @id AND tenant = @tenant;

-- name: get
SELECT id, title, priority, due, tags, done, created_at, completed_at FROM agent_todos WHERE tenant = @tenant AND id = @id;

-- name: get-by-key
SELECT id, title, priority, due, tags, done, created_at, completed_at FROM agent_todos WHERE tenant = @tenant AND idempotency_key = @key;

-- name: filter
tenant = @tenant
AND (@q IS NULL OR {{title-contains}})
AND (@tag IS NULL OR EXISTS (SELECT 1 FROM agent_todo_tags g WHERE g.todo_id = t.id AND g.tenant = @tenant AND g.tag = @tag))
AND (@priority IS NULL OR priority = @priority)
AND (@done IS NULL OR done = @done)
AND (@due_from IS NULL OR (due IS NOT NULL AND due >= @due_from))
AND (@due_to IS NULL OR (due IS NOT NULL AND due <= @due_to))
AND (@has_due IS NULL OR (CASE WHEN due IS NULL THEN 0 ELSE 1 END) = @has_due)

-- name: search
SELECT id, title, priority, due, tags, done, created_at, completed_at FROM agent_todos t
WHERE {{filter}} AND (@after_id IS NULL OR id < @after_id)
ORDER BY id DESC
LIMIT @take OFFSET @skip;

-- name: count
SELECT COUNT(*) FROM agent_todos t WHERE {{filter}};

-- name: update
UPDATE agent_todos SET title = @title, priority = @priority, due = @due, tags = @tags, done = @done, completed_at = @completed_at
WHERE tenant = @tenant AND id = @id;

-- name: complete
UPDATE agent_todos SET done = 1, completed_at = @now WHERE tenant = @tenant AND id = @id AND done = 0;

-- name: delete
DELETE FROM agent_todos WHERE tenant = @tenant AND id = @id;
