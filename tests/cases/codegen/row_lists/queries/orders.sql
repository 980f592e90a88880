-- name: OrdersWithLines :many
-- Every order with its lines in one query: an order without lines has an empty list.
SELECT o.id, o.customer,
       array_agg(l ORDER BY l.id) FILTER (WHERE l.id IS NOT NULL) AS lines
FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
GROUP BY o.id ORDER BY o.id;

-- name: OrderLinesArray :one
-- A :one of one column: the list itself (NULL when the order has no lines: empty).
SELECT array_agg(l.* ORDER BY l.id) FROM order_lines l WHERE l.order_id = $1;

-- name: OrdersWithLabelsJson :many
-- json_agg of a view's rows, COALESCE'd to an empty JSON array.
SELECT o.id,
       COALESCE(json_agg(v ORDER BY v.id) FILTER (WHERE v.id IS NOT NULL), '[]') AS labels,
       jsonb_agg(v.*) FILTER (WHERE v.id IS NOT NULL) AS labels_b
FROM orders o LEFT JOIN line_labels v ON v.order_id = o.id
GROUP BY o.id ORDER BY o.id;

-- name: OrdersWithLinesJson :many
-- json_agg of a table's rows (enum, array, timestamptz and NULL fields through from_json).
SELECT o.id, json_agg(l ORDER BY l.id) FILTER (WHERE l.id IS NOT NULL) AS lines
FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
GROUP BY o.id ORDER BY o.id;

-- name: OrdersWithPayments :many
-- Rows with a numeric column: array_agg reads them (numeric as its text); json_agg stays
-- nlohmann::json, as PostgreSQL writes numeric as a JSON number a double would round.
SELECT o.id, array_agg(p ORDER BY p.id) AS payments, json_agg(p ORDER BY p.id) AS payments_json
FROM orders o JOIN payments p ON p.order_id = o.id
GROUP BY o.id ORDER BY o.id;

-- name: OrderLabelsRaw :one
-- @raw-json labels
SELECT json_agg(v ORDER BY v.id) AS labels, count(*) AS n FROM line_labels v WHERE v.order_id = $1;
