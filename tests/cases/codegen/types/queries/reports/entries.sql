-- name: AddEntry :one
INSERT INTO reports.entries (person_id, mood, note)
VALUES (@person_id, @mood, sqlc.narg(note))
RETURNING *;

-- Entries with the person they are about (a model of another module).
-- name: EntriesWithPerson :many
SELECT sqlc.embed(e), sqlc.embed(p)
FROM entries e
JOIN people p ON p.id = e.person_id
ORDER BY e.id;
