-- What the todo repository's SQL needs from SQLite in particular (the rest is ../statements.sql).

-- name: migration-lock
-- The migration runs in a BEGIN IMMEDIATE transaction, which already holds the database's write lock.
SELECT 1;

-- name: title-contains
instr(lower(title), @q) > 0
