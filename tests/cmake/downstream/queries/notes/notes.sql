-- name: GetNote :one
SELECT id, title, body, created_at FROM notes.notes WHERE id = @id;

-- name: CreateNote :one
INSERT INTO notes.notes (title, body) VALUES (@title, sqlc.narg(body))
RETURNING id;

-- name: ListNotes :many
SELECT id, title FROM notes.notes ORDER BY created_at DESC LIMIT @max_rows;
