-- Named statements of the model registry, the same in every dialect. Each starts at a "-- name:" line; {{columns}}
-- is the column list. The dialect's statements.sql adds what differs.

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
-- A retried register activity finds the row its first attempt wrote.
INSERT INTO agent_model_versions (model, base_model, created_at, lifecycle_instance_id, metrics, quantization_type, quantization_reason, promoted)
VALUES (@model, @baseModel, @now, @instance, @metrics, @quantType, @quantReason, 0)
ON CONFLICT (lifecycle_instance_id) DO NOTHING;

-- name: columns
SELECT version, model, base_model, created_at, lifecycle_instance_id, metrics, quantization_type, quantization_reason, promoted FROM agent_model_versions

-- name: by-instance
{{columns}} WHERE lifecycle_instance_id = @instance;

-- name: list
{{columns}} ORDER BY version DESC;

-- name: latest
{{columns}} ORDER BY version DESC LIMIT 1;

-- name: promoted
{{columns}} WHERE promoted = 1 ORDER BY version DESC LIMIT 1;

-- name: demote-all
UPDATE agent_model_versions SET promoted = 0 WHERE promoted = 1 AND version <> @version;

-- name: promote
UPDATE agent_model_versions SET promoted = 1 WHERE version = @version;
