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
