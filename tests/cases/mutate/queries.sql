-- Fixture of sqlgen_mutate (bench/mutate.cpp): expected.sql is its output, byte for byte.

-- name: CountByOwner :many
SELECT owner_id, kind, count(*) AS n
FROM items
WHERE archived = false AND owner_id = @owner_id
GROUP BY owner_id, kind
ORDER BY owner_id DESC, kind;

-- A single GROUP BY item in parentheses, no WHERE, a JOIN, a LIMIT parameter.
-- name: Totals :many
SELECT i.owner_id, sum(i.qty) AS total
FROM items i JOIN owners o ON o.id = i.owner_id
GROUP BY (i.owner_id)
ORDER BY o.name NULLS LAST
LIMIT sqlc.arg(max_rows);

-- A parameter is never deleted: the last GROUP BY item stays.
-- name: ByParam :many
SELECT kind FROM items GROUP BY kind, @bucket::int;

-- name: AddItem :one
INSERT INTO items (owner_id, kind, qty)
VALUES (sqlc.arg(owner_id), sqlc.narg(kind), $3)
RETURNING id;

-- name: CopyItems :exec
INSERT INTO items (owner_id, kind) SELECT id, 'x' FROM owners WHERE id = ANY(sqlc.slice(ids));

-- name: Subqueries :many
SELECT id,
       (SELECT max(qty) FROM items WHERE items.owner_id = owners.id) AS top
FROM owners
WHERE id IN (SELECT owner_id FROM items WHERE kind = 'a' -- a comment, kind = 1
             AND qty > 10);

-- name: Distinct :many
SELECT DISTINCT kind FROM items ORDER BY kind;

-- name: Nothing :exec
UPDATE items SET qty = qty + 1 WHERE id = @id;
