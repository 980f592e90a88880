
-- name: CountByOwnerM1 :many
SELECT owner_id, kind, count(*) AS n
FROM items
WHERE archived = false AND owner_id = @owner_id
GROUP BY owner_id
ORDER BY owner_id DESC, kind;

-- name: CountByOwnerM2 :many
SELECT owner_id, kind, count(*) AS n
FROM items
WHERE count(*) > 0 AND archived = false AND owner_id = @owner_id
GROUP BY owner_id, kind
ORDER BY owner_id DESC, kind;

-- name: CountByOwnerM3 :many
SELECT owner_id, kind, count(*) AS n
FROM items
WHERE archived = false AND owner_id = @owner_id
GROUP BY owner_id, kind
ORDER BY 99 DESC, kind;

-- name: CountByOwnerM4 :many
SELECT owner_id, kind, count(*) AS n
FROM items
WHERE archived = 'x' AND owner_id = @owner_id
GROUP BY owner_id, kind
ORDER BY owner_id DESC, kind;

-- name: CountByOwnerM5 :many
SELECT DISTINCT owner_id, kind, count(*) AS n
FROM items
WHERE archived = false AND owner_id = @owner_id
GROUP BY owner_id, kind
ORDER BY owner_id DESC, kind;

-- name: CountByOwnerM6 :many
SELECT owner_id, kind, count(*) AS n
FROM items
WHERE archived = false AND owner_id = @owner_id
GROUP BY owner_id, kind HAVING count(*) > 0
ORDER BY owner_id DESC, kind;

-- name: TotalsM1 :many
SELECT i.owner_id, sum(i.qty) AS total
FROM items i JOIN owners o ON o.id = i.owner_id

ORDER BY o.name NULLS LAST
LIMIT sqlc.arg(max_rows);

-- name: TotalsM2 :many
SELECT i.owner_id, sum(i.qty) AS total
FROM items i JOIN owners o ON o.id = i.owner_id WHERE count(*) > 0
GROUP BY (i.owner_id)
ORDER BY o.name NULLS LAST
LIMIT sqlc.arg(max_rows);

-- name: TotalsM3 :many
SELECT i.owner_id, sum(i.qty) AS total
FROM items i JOIN owners o ON o.id = i.owner_id
GROUP BY (i.owner_id)
ORDER BY 99 NULLS LAST
LIMIT sqlc.arg(max_rows);

-- name: TotalsM4 :many
SELECT DISTINCT i.owner_id, sum(i.qty) AS total
FROM items i JOIN owners o ON o.id = i.owner_id
GROUP BY (i.owner_id)
ORDER BY o.name NULLS LAST
LIMIT sqlc.arg(max_rows);

-- name: TotalsM5 :many
SELECT i.owner_id, sum(i.qty) AS total
FROM items i JOIN owners o ON o.id = i.owner_id
GROUP BY (i.owner_id) HAVING count(*) > 0
ORDER BY o.name NULLS LAST
LIMIT sqlc.arg(max_rows);

-- name: ByParamM1 :many
SELECT kind FROM items WHERE count(*) > 0 GROUP BY kind, @bucket::int;

-- name: ByParamM2 :many
SELECT kind FROM items GROUP BY kind, @bucket::int HAVING count(*) > 0;

-- name: AddItemM1 :one
INSERT INTO items (owner_id, kind, qty)
VALUES (sqlc.arg(owner_id), sqlc.narg(kind), $3, NULL)
RETURNING id;

-- name: AddItemM2 :one
INSERT INTO items (owner_id, kind)
VALUES (sqlc.arg(owner_id), sqlc.narg(kind), $3)
RETURNING id;

-- name: CopyItemsM1 :exec
INSERT INTO items (owner_id) SELECT id, 'x' FROM owners WHERE id = ANY(sqlc.slice(ids));

-- name: SubqueriesM1 :many
SELECT id,
       (SELECT max(qty) FROM items WHERE items.owner_id = owners.id) AS top
FROM owners
WHERE count(*) > 0 AND id IN (SELECT owner_id FROM items WHERE kind = 'a' -- a comment, kind = 1
             AND qty > 10);

-- name: SubqueriesM2 :many
SELECT id,
       (SELECT 1, max(qty) FROM items WHERE items.owner_id = owners.id) AS top
FROM owners
WHERE id IN (SELECT owner_id FROM items WHERE kind = 'a' -- a comment, kind = 1
             AND qty > 10);

-- name: SubqueriesM3 :many
SELECT id,
       (SELECT max(qty) FROM items WHERE items.owner_id = owners.id) AS top
FROM owners
WHERE id IN (SELECT owner_id FROM items WHERE kind = 'a' -- a comment, kind = 1
             AND qty > 'x');

-- name: DistinctM1 :many
SELECT DISTINCT kind FROM items WHERE count(*) > 0 ORDER BY kind;

-- name: DistinctM2 :many
SELECT DISTINCT kind FROM items ORDER BY 99;
