-- What the model registry's SQL needs from PostgreSQL in particular (the rest is ../statements.sql).

-- name: migration-lock
-- Hosts that start together apply each script once: the lock lasts until the migration transaction ends.
SELECT pg_advisory_xact_lock(7071002);
