-- name: CreateCustomer :one
INSERT INTO customers (email, card_token)
VALUES (@email, @card_token)
RETURNING *;

-- name: GetCustomer :one
SELECT * FROM customers WHERE id = @id;

-- Every audited column but id and created_at from the parameters.
-- name: UpdateCustomer :exec
UPDATE customers
SET email = @email, name = sqlc.narg(name), tier = @tier, tags = @tags, credit = @credit,
    active = @active, birthday = sqlc.narg(birthday), trial = sqlc.narg(trial),
    external_id = sqlc.narg(external_id), card_token = sqlc.narg(card_token),
    api_key = sqlc.narg(api_key), settings = @settings, last_seen_at = sqlc.narg(last_seen_at),
    referrer = sqlc.narg(referrer)
WHERE id = @id;

-- name: CreateOrder :one
INSERT INTO orders (customer_id, total_cents) VALUES (@customer_id, @total_cents)
RETURNING *;

-- name: PayOrder :one
UPDATE orders SET paid_at = @paid_at, updated_at = @paid_at WHERE id = @id
RETURNING *;
