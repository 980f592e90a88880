-- Whole-row references as values (issue 15): `t.*` and a bare `t` inside aggregates, JSON
-- functions and ROW(). Checked by the type oracle (test_analyze_oracle.cpp) and the
-- nullability oracle (test_nullability_oracle.cpp) against PostgreSQL.

-- name: OrdersWithLinesJson :many
SELECT o.id, json_agg(l.*) AS lines_json, jsonb_agg(l) AS lines_jsonb
FROM shop.orders o LEFT JOIN shop.order_lines l ON l.order_id = o.id
GROUP BY o.id ORDER BY o.id;

-- name: OrdersWithLinesArray :many
SELECT o.id, array_agg(l) AS lines, array_agg(l.* ORDER BY l.product_id) AS sorted
FROM shop.orders o LEFT JOIN shop.order_lines l ON l.order_id = o.id
GROUP BY o.id ORDER BY o.id;

-- name: OrdersWithLinesFiltered :many
SELECT o.id,
       array_agg(l ORDER BY l.product_id) FILTER (WHERE l.order_id IS NOT NULL) AS lines,
       json_agg(l) FILTER (WHERE l.order_id IS NOT NULL) AS lines_json,
       COALESCE(json_agg(l) FILTER (WHERE l.order_id IS NOT NULL), '[]') AS lines_or_empty,
       COALESCE(jsonb_agg(l.*) FILTER (WHERE l.order_id IS NOT NULL), '[]'::jsonb) AS lines_b
FROM shop.orders o LEFT JOIN shop.order_lines l ON l.order_id = o.id
GROUP BY o.id ORDER BY o.id;

-- name: LineRows :many
SELECT row_to_json(l.*) AS r1, row_to_json(l) AS r2, to_jsonb(l) AS r3, to_jsonb(l.*) AS r4,
       to_json(l) AS r5, ROW(l.*) AS r6, ROW(l) AS r7, ROW(l.*, 1) AS r8
FROM shop.order_lines l;

-- name: OuterWholeRows :many
SELECT o.id, row_to_json(l) AS line, to_jsonb(l.*) AS line_b, ROW(l.*) AS line_row
FROM shop.orders o LEFT JOIN shop.order_lines l ON l.order_id = o.id;

-- name: ViewRows :many
SELECT array_agg(t) AS totals, json_agg(t.*) AS totals_json FROM shop.order_totals t;

-- name: SubqueryRows :many
SELECT array_agg(s) AS recs, json_agg(s.*) AS recs_json
FROM (SELECT id, note FROM shop.orders) s;

-- name: CteRows :many
WITH paid AS (SELECT id, status FROM shop.orders WHERE status = 'paid')
SELECT jsonb_agg(p.*) AS paid, array_agg(p) AS paid_rows FROM paid p;

-- name: CorrelatedLines :many
SELECT o.id,
       (SELECT json_agg(l.* ORDER BY l.product_id) FROM shop.order_lines l
        WHERE l.order_id = o.id) AS lines,
       ARRAY(SELECT l FROM shop.order_lines l WHERE l.order_id = o.id) AS line_array
FROM shop.orders o ORDER BY o.id;

-- name: CustomerOrders :many
SELECT c.id, count(o.*) AS n, array_agg(o) FILTER (WHERE o.id IS NOT NULL) AS orders
FROM shop.customers c LEFT JOIN shop.orders o ON o.customer_id = c.id
GROUP BY c.id;
