-- Rows for the nullability oracle (tests/analyze/test_nullability_oracle.cpp):
-- every nullable column NULL in some row and set in another, every outer join
-- with unmatched rows on both sides where the schema allows it, and values
-- the oracle's dummy parameters match ('a', 1, 2, the enum's labels).

-- Customers: 1 has every nullable column NULL and matches text 'a'; 2 has
-- everything set; 3 is soft-deleted, has an address with NULL fields and no
-- orders; 4 has no orders and no tags.
INSERT INTO shop.customers (id, email, name, nickname, address, tags, prefs, deleted_at) VALUES
  (1, 'a', 'a', NULL, NULL, '{}', '{}', NULL),
  (2, 'b@example.com', 'Bob', 'bobby', ROW('1 Main St', 'a', '12345'), '{a,vip}',
   '{"lang": "a", "theme": "dark"}', NULL),
  (3, 'c@example.com', 'Carol', NULL, ROW(NULL, NULL, NULL), '{member,NULL}',
   '{"theme": null}', now()),
  (4, 'member', 'member', '', ROW('x', 'member', NULL), '{}', '{"lang": "member"}', NULL);
SELECT setval(pg_get_serial_sequence('shop.customers', 'id'), 100);

-- Products: 1 matches sku 'a' with no weight; 2 is complete; 3 has no order
-- lines and is inactive.
INSERT INTO shop.products (id, sku, title, price, weight_kg, active) OVERRIDING SYSTEM VALUE VALUES
  (1, 'a', 'a', 1, NULL, true),
  (2, 'b', 'Bolt', 500, 1.250, true),
  (3, 'c', 'Crate', 0, NULL, false);
SELECT setval(pg_get_serial_sequence('shop.products', 'id'), 100);

-- Orders: 1 new, unshipped, no note; 2 paid and shipped; 3 cancelled with an
-- empty note and no lines; 4 shipped, no note, placed long ago.
INSERT INTO shop.orders (id, customer_id, status, note, placed_at, shipped_at) VALUES
  (1, 1, 'new', NULL, now(), NULL),
  (2, 2, 'paid', 'gift', now() - interval '1 hour', now()),
  (3, 1, 'cancelled', '', now() - interval '2 days', NULL),
  (4, 2, 'shipped', NULL, '2020-01-01 00:00:00+00', '2020-01-02 00:00:00+00');
SELECT setval(pg_get_serial_sequence('shop.orders', 'id'), 100);

INSERT INTO shop.order_lines (order_id, product_id, qty, unit_price) VALUES
  (1, 1, 1, 1),
  (1, 2, 2, 500),
  (2, 2, 3, 500),
  (4, 1, 1, 0);
