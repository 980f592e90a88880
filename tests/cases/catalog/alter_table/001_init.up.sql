CREATE SCHEMA shop;
CREATE TABLE shop.orders (
  id bigint NOT NULL,
  status text DEFAULT 'new',
  amount numeric(8,2),
  note varchar(20),
  legacy int
);
CREATE TABLE shop.lines (order_id bigint, sku text);
