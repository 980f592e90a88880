-- (a) One account's items, oldest first: the :many of the benchmark (100k rows).
-- name: ListItems :many
SELECT id, account_id, name, note, quantity, price, active, created_at
FROM bench.items
WHERE account_id = @account_id
ORDER BY id;

-- (b) One event: the :exec of the benchmark (10k per round).
-- name: InsertEvent :exec
INSERT INTO bench.events (item_id, kind, at) VALUES (@item_id, @kind, @at);

-- (c) Bulk load through COPY ...
-- name: CopyItems :copyfrom
INSERT INTO bench.items_copy (account_id, name, note, quantity, price, active, created_at)
VALUES (@account_id, @name, @note, @quantity, @price, @active, @created_at);

-- ... against one INSERT per row.
-- name: InsertItem :exec
INSERT INTO bench.items_copy (account_id, name, note, quantity, price, active, created_at)
VALUES (@account_id, @name, sqlc.narg(note), @quantity, @price, @active, @created_at);
