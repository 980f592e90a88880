-- name: Doubled :many
SELECT id, twice(price) AS doubled FROM items WHERE twice(price) > @floor;

-- name: Above :many
SELECT id, price FROM items_above(@min_price);

-- name: Nested :one
SELECT twice(twice(@x::int)) AS four_times, upper('a') AS built_in;

-- name: Touch :exec
SELECT touch(@item);

-- name: Reprice :exec
CALL reprice(@item, @price);
