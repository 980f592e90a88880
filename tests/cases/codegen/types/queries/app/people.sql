-- name: CreateCategory :one
INSERT INTO app.categories (title, parent_id) VALUES (@title, sqlc.narg(parent_id)) RETURNING *;

-- name: CopyPeople :copyfrom
INSERT INTO app.people (name, category_id, mood, score) VALUES (@name, sqlc.narg(category_id), @mood, @score);

-- name: SetMood :batchexec
UPDATE app.people SET mood = @mood WHERE id = @id;

-- name: GetPerson :batchone
SELECT id, name, mood FROM app.people WHERE id = @id;

-- name: PeopleInCategory :batchmany
SELECT id, name FROM app.people WHERE category_id = @category_id ORDER BY id;

-- People with their category, if any.
-- name: PeopleWithCategory :many
SELECT sqlc.embed(p), sqlc.embed(c)
FROM app.people p
LEFT JOIN app.categories c ON c.id = p.category_id
ORDER BY p.id;

-- name: CountByMood :many
SELECT mood, count(*) AS n FROM app.people GROUP BY mood ORDER BY mood;

-- name: HappyPeople :many
SELECT * FROM app.happy_people ORDER BY id;

-- name: PeopleByMoods :many
SELECT id, name, score FROM app.people WHERE mood = ANY(@moods::app.mood[]) ORDER BY id;

-- Whole rows: a table's alias as a column is a row of its model struct.
-- name: PersonRows :many
SELECT p.id, p AS person FROM app.people p ORDER BY p.id;

-- name: TakeSnapshot :one
INSERT INTO app.snapshots (person, previous) VALUES (@person, sqlc.narg(previous)) RETURNING *;

-- ON CONFLICT DO NOTHING may skip the row: std::optional.
-- name: TryCategory :one
INSERT INTO app.categories (id, title) VALUES (@id, @title) ON CONFLICT DO NOTHING RETURNING id;

-- name: AddNote :one
INSERT INTO app.notes (body) VALUES (@body) RETURNING id;
