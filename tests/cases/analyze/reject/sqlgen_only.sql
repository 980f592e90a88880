-- Queries PostgreSQL PREPAREs but that cannot mean what they say: sqlgen rejects them.

-- A slice alone in an IN list is one array: sent as `= ANY($1)` / `<> ALL($1)`, not an error.
-- name: SliceInList :many
SELECT id FROM a WHERE id IN (sqlgen.slice(ids));

-- name: SliceSqlcNotInList :many
SELECT id FROM a WHERE id NOT IN (sqlc.slice(ids));

-- Next to other values, or behind a comment, it is one value of the list: an error.
-- name: SliceInListAfterComment :many
SELECT id FROM a WHERE id IN /* ( */ (sqlc.slice(ids)); -- expected-error {{sqlc.slice(ids) is a list of values and belongs where PostgreSQL expects an array}}

-- name: SliceInLongerList :many
SELECT id FROM a WHERE id IN (sqlc.slice(ids), 0); -- expected-error {{sqlc.slice(ids) is a list of values and belongs where PostgreSQL expects an array}}

-- name: SliceEquals :many
SELECT id FROM a WHERE id = sqlc.slice(ids); -- expected-error {{sqlc.slice(ids) is a list of values and belongs where PostgreSQL expects an array}}

-- name: SliceInsert :exec
INSERT INTO a (id, name) VALUES (sqlgen.slice(ids), 'x'); -- expected-error {{sqlgen.slice(ids) is a list of values and belongs where PostgreSQL expects an array}}

-- name: SliceAny :many
SELECT id FROM a WHERE id = ANY(sqlgen.slice(ids));

-- name: SliceNotAll :many
SELECT id FROM a WHERE id <> ALL(sqlc.slice(ids));

-- name: SliceArrayArgument :many
SELECT id FROM a WHERE id = ANY(array_remove(sqlgen.slice(ids), 0));

-- name: SliceUnnest :many
SELECT x FROM unnest(sqlgen.slice(names)::text[]) AS x;
