-- name: GetCustomer :one
SELECT * FROM shop.customers WHERE id = @id;

-- name: GetCustomerByEmail :one
SELECT id, name, nickname FROM shop.customers WHERE email = sqlc.arg(email) AND deleted_at IS NULL;

-- name: ListCustomers :many
SELECT c.id, c.name, coalesce(c.nickname, c.name) AS display, c.created_at
FROM shop.customers c
WHERE (sqlc.narg(search)::text IS NULL OR c.name ILIKE '%' || sqlc.narg(search) || '%')
ORDER BY c.created_at DESC
LIMIT @lim OFFSET @off;

-- name: CustomersByIDs :many
SELECT id, email FROM shop.customers WHERE id = ANY(sqlc.slice(ids));

-- name: CustomersWithTag :many
SELECT id FROM shop.customers WHERE @tag::text = ANY(tags) AND prefs ->> 'lang' = @lang;

-- name: CreateCustomer :one
INSERT INTO shop.customers (email, name, nickname, tags)
VALUES (@email, @name, sqlc.narg(nickname), @tags)
RETURNING id, created_at;

-- name: UpsertProduct :one
INSERT INTO shop.products (sku, title, price, weight_kg)
VALUES ($1, $2, $3, $4)
ON CONFLICT (sku) DO UPDATE SET title = excluded.title, price = excluded.price
RETURNING *;

-- name: RenameCustomer :execrows
UPDATE shop.customers SET name = @name, nickname = NULL WHERE id = @id AND deleted_at IS NULL;

-- name: SoftDelete :exec
UPDATE shop.customers SET deleted_at = now() WHERE id = $1;

-- name: OrdersWithCustomer :many
SELECT o.id, o.status, o.placed_at, c.email, c.nickname
FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id
WHERE o.status = @status AND o.placed_at > now() - @age::interval;

-- name: OrdersAndShipping :many
SELECT o.id, o.shipped_at, o.shipped_at - o.placed_at AS took, extract(epoch FROM o.placed_at) AS epoch
FROM shop.orders o WHERE o.customer_id = @customer_id;

-- name: CustomerOrderCounts :many
SELECT c.id, c.name, count(o.id) AS orders, max(o.placed_at) AS last_order, bool_or(o.status = 'paid') AS any_paid
FROM shop.customers c LEFT JOIN shop.orders o ON o.customer_id = c.id
GROUP BY c.id, c.name
HAVING count(o.id) >= @min_orders;

-- name: ProductRevenue :many
SELECT p.id, p.title, sum(l.qty) AS units, sum(l.total) AS revenue, avg(l.unit_price) AS avg_price,
       rank() OVER (ORDER BY sum(l.total) DESC NULLS LAST) AS rnk
FROM shop.products p LEFT JOIN shop.order_lines l ON l.product_id = p.id
GROUP BY p.id, p.title;

-- name: OrderTotals :many
SELECT order_id, total, lines FROM shop.order_totals WHERE customer_id = @customer_id;

-- name: RecentOrderPerCustomer :many
SELECT DISTINCT ON (o.customer_id) o.customer_id, o.id, o.placed_at
FROM shop.orders o ORDER BY o.customer_id, o.placed_at DESC;

-- name: LinesWithProduct :many
SELECT sqlc.embed(l), sqlc.embed(p) FROM shop.order_lines l JOIN shop.products p ON p.id = l.product_id WHERE l.order_id = @order_id;

-- name: CustomerAndMaybeOrder :many
SELECT sqlc.embed(c), sqlc.embed(o) FROM shop.customers c LEFT JOIN shop.orders o ON o.customer_id = c.id;

-- name: CaseAndCoalesce :many
SELECT id,
  CASE status WHEN 'new' THEN 'open' WHEN 'paid' THEN 'open' ELSE 'closed' END AS bucket,
  CASE WHEN shipped_at IS NULL THEN 0 ELSE 1 END AS shipped,
  coalesce(note, '') AS note,
  greatest(placed_at, shipped_at) AS latest,
  nullif(note, '') AS note_or_null
FROM shop.orders;

-- name: SubqueryStuff :many
SELECT c.id,
  (SELECT count(*) FROM shop.orders o WHERE o.customer_id = c.id) AS n_orders,
  EXISTS (SELECT 1 FROM shop.orders o WHERE o.customer_id = c.id AND o.status = 'paid') AS has_paid,
  ARRAY(SELECT o.id FROM shop.orders o WHERE o.customer_id = c.id) AS order_ids
FROM shop.customers c
WHERE c.id IN (SELECT customer_id FROM shop.orders WHERE status = @status);

-- name: CteAndUnion :many
WITH big AS (
  SELECT order_id, sum(total) AS amount FROM shop.order_lines GROUP BY order_id HAVING sum(total) > @threshold
)
SELECT order_id AS id, amount, 'big' AS kind FROM big
UNION ALL
SELECT id, NULL, 'cancelled' FROM shop.orders WHERE status = 'cancelled';

-- name: RecursiveNumbers :many
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @upto)
SELECT i, i * 2 AS twice FROM n;

-- name: CancelAndReturn :many
WITH cancelled AS (
  UPDATE shop.orders SET status = 'cancelled' WHERE placed_at < @before AND status = 'new' RETURNING id, customer_id
)
SELECT c.email, cancelled.id FROM cancelled JOIN shop.customers c ON c.id = cancelled.customer_id;

-- name: Unnested :many
SELECT c.id, t.tag, t.n FROM shop.customers c, unnest(c.tags) WITH ORDINALITY AS t(tag, n);

-- name: SeriesAndValues :many
SELECT g AS day, v.label FROM generate_series(1, @days::int) g JOIN (VALUES (1, 'one'), (2, 'two')) AS v(num, label) ON v.num = g;

-- name: JsonAndArrays :many
SELECT id, prefs -> 'theme' AS theme, prefs ->> 'lang' AS lang, prefs @> @filter::jsonb AS matches,
       array_length(tags, 1) AS n_tags, tags[1] AS first_tag, array_agg(id) OVER () AS all_ids,
       cardinality(tags) AS card
FROM shop.customers;

-- name: CompositeField :many
SELECT id, (address).city AS city, (address).zip FROM shop.customers WHERE (address).city = @city;

-- name: Discounted :many
SELECT id, shop.discount(price) AS sale, shop.discount(price, @pct) AS custom, round(weight_kg, 1) AS w, upper(title), length(sku)
FROM shop.products WHERE active AND price BETWEEN @lo AND @hi;

-- name: AddLine :exec
INSERT INTO shop.order_lines (order_id, product_id, qty, unit_price)
SELECT @order_id, p.id, @qty, p.price FROM shop.products p WHERE p.sku = @sku;

-- name: MoveLines :execrows
UPDATE shop.order_lines l SET qty = l.qty + 1 FROM shop.orders o WHERE o.id = l.order_id AND o.status = @status;

-- name: DeleteOldLines :many
DELETE FROM shop.order_lines l USING shop.orders o
WHERE o.id = l.order_id AND o.placed_at < @before
RETURNING l.order_id, l.product_id, l.total;

-- name: LockNext :one
SELECT id, status FROM shop.orders WHERE status = 'new' ORDER BY placed_at LIMIT 1 FOR UPDATE SKIP LOCKED;

-- name: InsertMany :copyfrom
INSERT INTO shop.products (sku, title, price) VALUES (@sku, @title, @price);

-- name: Window :many
SELECT id, customer_id, row_number() OVER w AS rn, lag(placed_at) OVER w AS prev, sum(id) OVER w AS running
FROM shop.orders WINDOW w AS (PARTITION BY customer_id ORDER BY placed_at);

-- name: Literals :one
SELECT 1 AS i, 4000000000 AS big, 1.5 AS num, 'x' AS txt, true AS b, NULL::int AS n, current_date AS d, now() AS ts, 1 + 2.5 AS mixed, '1'::int + 1 AS cast_sum, 2 ^ 10 AS pow, 7 / 2 AS div, 7 % 3 AS modulo;
