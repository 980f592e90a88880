-- Schema as sqlgen's catalog sees it (no database involved).

CREATE SCHEMA ledger;

CREATE SCHEMA shop;

CREATE TYPE shop.tier AS ENUM ('free', 'pro', 'enterprise');

CREATE TABLE ledger.entries (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    amount_cents bigint NOT NULL,
    iban text NOT NULL,
    CONSTRAINT entries_pkey PRIMARY KEY (id)
);

CREATE SEQUENCE ledger.entries_id_seq;

CREATE TABLE shop.customers (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    email text NOT NULL,
    name text,
    tier shop.tier DEFAULT 'free' NOT NULL,
    tags text[] DEFAULT '{}' NOT NULL,
    credit numeric(10,2) DEFAULT 0 NOT NULL,
    active boolean DEFAULT true NOT NULL,
    birthday date,
    trial interval,
    external_id uuid,
    card_token text,
    api_key bytea,
    settings jsonb DEFAULT '{}' NOT NULL,
    last_seen_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    referrer text,
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);

CREATE SEQUENCE shop.customers_id_seq;

CREATE TABLE shop.orders (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    customer_id bigint NOT NULL,
    total_cents bigint NOT NULL,
    paid_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);

CREATE SEQUENCE shop.orders_id_seq;
