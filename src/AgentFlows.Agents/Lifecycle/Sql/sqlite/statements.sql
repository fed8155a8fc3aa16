-- What the model registry's SQL needs from SQLite in particular (the rest is ../statements.sql).

-- name: migration-lock
-- The migration runs in an immediate transaction, which already holds the database's write lock.
SELECT 1;
