-- +goose Up
CREATE SCHEMA bench;

-- The rows the :many query reads (100k seeded per run) and the :copyfrom / row-by-row
-- insert targets: common column types, NOT NULL and nullable.
CREATE TABLE bench.items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL,
    name text NOT NULL,
    note text,
    quantity integer NOT NULL,
    price double precision NOT NULL,
    active boolean NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX items_account_id ON bench.items (account_id);

CREATE TABLE bench.items_copy (LIKE bench.items INCLUDING DEFAULTS INCLUDING IDENTITY);

-- The :exec target.
CREATE TABLE bench.events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id bigint NOT NULL,
    kind text NOT NULL,
    at timestamptz NOT NULL
);

-- +goose Down
DROP SCHEMA bench CASCADE;
