-- +goose Up
CREATE TABLE app.items_copy (LIKE app.items);
CREATE TABLE app.items_full (LIKE app.items INCLUDING ALL, extra text);
CREATE TABLE app.items_defaults (note text, LIKE app.items INCLUDING DEFAULTS INCLUDING IDENTITY);
CREATE TABLE app.base (id int NOT NULL, created timestamptz DEFAULT now());
CREATE TABLE app.child (kind text NOT NULL, id int) INHERITS (app.base);
CREATE TABLE app.measurements (
  city_id int NOT NULL,
  logdate date NOT NULL,
  peak int
) PARTITION BY RANGE (logdate);
CREATE TABLE app.measurements_2024 PARTITION OF app.measurements
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.measurements_2025 PARTITION OF app.measurements (peak DEFAULT 0)
  FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE SEQUENCE app.counter;
CREATE SEQUENCE IF NOT EXISTS app.counter;
CREATE INDEX items_price_idx ON app.items (price);
-- +goose Down
DROP TABLE app.measurements, app.child, app.base, app.items_defaults, app.items_full, app.items_copy;
