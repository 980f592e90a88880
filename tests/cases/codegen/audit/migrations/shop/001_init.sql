-- +goose Up
CREATE SCHEMA shop;

CREATE TYPE shop.tier AS ENUM ('free', 'pro', 'enterprise');

CREATE TABLE shop.customers (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text          NOT NULL,
    name         text,
    tier         shop.tier     NOT NULL DEFAULT 'free',
    tags         text[]        NOT NULL DEFAULT '{}',
    credit       numeric(10,2) NOT NULL DEFAULT 0,
    active       boolean       NOT NULL DEFAULT true,
    birthday     date,
    trial        interval,
    external_id  uuid,
    card_token   text,
    api_key      bytea,
    settings     jsonb         NOT NULL DEFAULT '{}',
    last_seen_at timestamptz,
    created_at   timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE shop.orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customers (id),
    total_cents bigint NOT NULL,
    paid_at     timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE shop.orders;
DROP TABLE shop.customers;
DROP TYPE shop.tier;
DROP SCHEMA shop;
