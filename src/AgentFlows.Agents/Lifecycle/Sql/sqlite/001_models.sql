-- Model versions of the fine-tuning lifecycle: one row per lifecycle instance that registered a model.
CREATE TABLE IF NOT EXISTS agent_model_versions (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    model TEXT NOT NULL,
    base_model TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    lifecycle_instance_id TEXT NOT NULL,
    metrics TEXT NOT NULL,
    quantization_type TEXT NULL,
    quantization_reason TEXT NOT NULL,
    promoted INTEGER NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_agent_model_versions_instance ON agent_model_versions (lifecycle_instance_id);
