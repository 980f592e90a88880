-- name: GetUser :one
SELECT 1;

-- name: ListUsers :mny
SELECT 2; -- expected-error@-1 {{unknown query command ":mny", did you mean "many"?}}

-- name: Broken
SELECT 3; -- expected-error@-1 {{invalid query name comment: expected "-- name: <Name> :<command>"}}

CREATE TABLE skipped (id int); -- expected-remark {{statement without a "-- name: <Name> :<command>" comment skipped, as sqlc does}}

-- name: First :one
SELECT 5
-- name: Second :one
SELECT 6; -- expected-error@-1 {{query "Second" begins inside the previous query: missing ";" before it}}

-- @nulable email
-- name: Annotated :one
SELECT 7; -- expected-warning@-2 {{"@nulable" is not an annotation and is kept as documentation, did you mean "@nullable"?}}

-- @alias: the alias to look up (documentation, as in sqlc)
-- @param id the user
-- name: DocumentedAtWords :one
SELECT 10;

-- @override email
-- name: OverrideWithoutType :one
SELECT 9; -- expected-error@-2 {{@override needs a result column or parameter and a C++ type: "-- @override name cpp_type [<header>]" ("@name" for a parameter)}}

-- name: GetUser :many
SELECT 8; -- expected-error@-1 {{duplicate query name "GetUser"}}
