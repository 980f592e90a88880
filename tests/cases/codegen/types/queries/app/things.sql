-- Inserts a thing; every column but the name may be NULL.
-- name: InsertThing :one
INSERT INTO app.things (name, small, medium, big, real_value, double_value, flag, label, code,
                        sys_name, email, amount, blob, uid, day, local_at, at, span, doc, docb,
                        words, numbers, moods, mood, address, positive, ip, "class",
                        "namespace", "default")
VALUES (@name, sqlc.narg(small), sqlc.narg(medium), sqlc.narg(big), sqlc.narg(real_value),
        sqlc.narg(double_value), sqlc.narg(flag), sqlc.narg(label), sqlc.narg(code),
        sqlc.narg(sys_name), sqlc.narg(email), sqlc.narg(amount), sqlc.narg(blob),
        sqlc.narg(uid), sqlc.narg(day), sqlc.narg(local_at), sqlc.narg(at), sqlc.narg(span),
        sqlc.narg(doc), sqlc.narg(docb), sqlc.narg(words), sqlc.narg(numbers),
        sqlc.narg(moods), sqlc.narg(mood), sqlc.narg(address), sqlc.narg(positive),
        sqlc.narg(ip), sqlc.narg(class), sqlc.narg(namespace), sqlc.narg("default"))
RETURNING *;

-- name: GetThing :one
SELECT * FROM things WHERE id = @id;

-- name: ListThings :many
SELECT * FROM app.things ORDER BY id;

-- name: DeleteThing :exec
DELETE FROM app.things WHERE id = $1;

-- Flips the flag of the given things.
-- name: ToggleThings :execrows
UPDATE app.things SET flag = NOT coalesce(flag, false) WHERE id = ANY(sqlc.slice(ids));

-- name: ThingNames :execresult
SELECT name FROM app.things ORDER BY id;

-- Positional parameters get the names arg1, arg2, ...
-- name: Echo :one
SELECT $1::text AS text_value, $2::int4 AS int_value, $3::text[] AS list_value;

-- One query's own C++ types: the amount as a double (the config maps only NOT NULL numeric),
-- the id parameter (not the id column) as a 32-bit integer.
-- name: ThingAmount :one
-- @override amount double
-- @override @id std::int32_t <cstdint>
SELECT id, amount FROM app.things WHERE id = @id;

-- One column: its value. An aggregate without GROUP BY always returns one row: no optional.
-- name: CountThings :one
SELECT count(*) FROM app.things;

-- name: ThingName :one
SELECT name FROM app.things WHERE id = @id;

-- A nullable column of a row that may not exist: no row, or a row holding NULL.
-- name: ThingLabel :one
SELECT label FROM app.things WHERE id = @id;

-- name: BiggestThing :one
SELECT max(big) AS biggest FROM app.things;

-- name: ThingByUid :one
SELECT id FROM app.things WHERE uid = @uid;

-- name: NewThingId :one
INSERT INTO app.things (name) VALUES (@name) RETURNING id;

-- The server's text of every runtime type, to compare with how the runtime prints them.
-- name: ThingTexts :one
SELECT uid::text AS uid_text, day::text AS day_text, local_at::text AS local_at_text,
       at::text AS at_text, span::text AS span_text, blob::text AS blob_text,
       mood::text AS mood_text
FROM app.things WHERE id = @id;
