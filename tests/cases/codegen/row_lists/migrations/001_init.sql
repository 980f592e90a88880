-- +goose Up
CREATE TYPE line_kind AS ENUM ('goods', 'service');
CREATE TYPE dims AS (w integer, h integer, label text);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer text NOT NULL
);
CREATE TABLE order_lines (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  item text NOT NULL,
  note text,
  qty integer,
  kind line_kind NOT NULL DEFAULT 'goods',
  tags text[] NOT NULL DEFAULT '{}',
  placed_at timestamptz,
  size dims
);
CREATE TABLE payments (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  amount numeric(10, 2) NOT NULL
);
CREATE VIEW line_labels AS SELECT id, order_id, item, note FROM order_lines;
-- +goose Down
DROP VIEW line_labels;
DROP TABLE payments;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TYPE dims;
DROP TYPE line_kind;
