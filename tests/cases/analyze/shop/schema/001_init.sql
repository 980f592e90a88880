-- +goose Up
CREATE SCHEMA shop;
CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE DOMAIN shop.cents AS bigint CHECK (VALUE >= 0);
CREATE TYPE shop.address AS (street text, city text, zip varchar(10));
CREATE TABLE shop.customers (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name varchar(120) NOT NULL,
  nickname text,
  address shop.address,
  tags text[] NOT NULL DEFAULT '{}',
  prefs jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE TABLE shop.products (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku varchar(32) NOT NULL UNIQUE,
  title text NOT NULL,
  price shop.cents NOT NULL,
  weight_kg numeric(8,3),
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE shop.orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES shop.customers,
  status shop.order_status NOT NULL DEFAULT 'new',
  note text,
  placed_at timestamptz NOT NULL DEFAULT now(),
  shipped_at timestamptz
);
CREATE TABLE shop.order_lines (
  order_id bigint NOT NULL REFERENCES shop.orders,
  product_id int NOT NULL REFERENCES shop.products,
  qty int NOT NULL CHECK (qty > 0),
  unit_price shop.cents NOT NULL,
  total bigint GENERATED ALWAYS AS (qty * unit_price) STORED,
  PRIMARY KEY (order_id, product_id)
);
CREATE VIEW shop.order_totals AS
  SELECT o.id AS order_id, o.customer_id, sum(l.total) AS total, count(*) AS lines
  FROM shop.orders o JOIN shop.order_lines l ON l.order_id = o.id GROUP BY o.id;
CREATE FUNCTION shop.discount(price bigint, pct int DEFAULT 10) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT price - price * pct / 100 $$;
-- +goose Down
DROP SCHEMA shop CASCADE;
