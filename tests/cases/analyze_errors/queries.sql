-- name: UnknownTable :many
SELECT id FROM shop.customer; -- expected-error {{relation "shop.customer" does not exist, did you mean "customers"?}}

-- name: UnknownColumn :one
SELECT nme FROM shop.customers; -- expected-error {{column "nme" does not exist, did you mean "name"?}}

-- name: UnknownQualified :one
SELECT c.emial FROM shop.customers c; -- expected-error {{column c.emial does not exist, did you mean "email"?}}

-- name: MissingFrom :one
SELECT x.id FROM shop.customers c; -- expected-error {{missing FROM-clause entry for table "x"}}

-- name: Ambiguous :many
SELECT id FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id; -- expected-error {{column reference "id" is ambiguous}}

-- name: NoOperator :many
SELECT id FROM shop.customers WHERE created_at = 42; -- expected-error {{operator does not exist: timestamp with time zone = integer}}

-- name: NoFunction :many
SELECT lower(id) FROM shop.customers; -- expected-error {{function lower(bigint) does not exist}}

-- name: ParamConflict :many
SELECT id FROM shop.customers WHERE id = @v OR email = @v; -- expected-error {{inconsistent types deduced for parameter $1: bigint versus text}}

-- name: OneWithoutReturning :one
DELETE FROM shop.customers WHERE id = @id; -- expected-error {{query "OneWithoutReturning" is :one but delete returns no rows: add a RETURNING clause}}

-- name: Untyped :many
SELECT @anything; -- expected-warning {{the type of parameter $1 cannot be known; it is "any"}}

-- name: InsertUnknownColumn :exec
INSERT INTO shop.customers (emali) VALUES (@e); -- expected-error {{column "emali" of relation "customers" does not exist, did you mean "email"?}}

-- name: InListOnce :many
SELECT id FROM shop.customers WHERE nme IN (1, 2, 3); -- expected-error {{column "nme" does not exist, did you mean "name"?}}

-- name: BetweenOnce :many
SELECT id FROM shop.customers WHERE nme BETWEEN 1 AND 2; -- expected-error {{column "nme" does not exist, did you mean "name"?}}

-- name: FromFunctionOnce :many
SELECT g FROM shop.customers c, generate_series(1, c.nme) g; -- expected-error {{column c.nme does not exist, did you mean "name"?}}

-- name: OrderByInPlainFunction :many
SELECT upper(name ORDER BY name) FROM shop.customers; -- expected-error {{ORDER BY specified, but upper is not an aggregate function}}

-- name: UpsertMisspelled :exec
INSERT INTO shop.customers (email, name) VALUES (@e, @n) ON CONFLICT (email) DO UPDATE SET nmae = @n; -- expected-error {{column "nmae" of relation "customers" does not exist, did you mean "name"?}}
