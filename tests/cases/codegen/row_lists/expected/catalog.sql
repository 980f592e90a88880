-- Schema as sqlgen's catalog sees it (no database involved).

CREATE TYPE public.dims AS (w integer, h integer, label text);

CREATE TYPE public.line_kind AS ENUM ('goods', 'service');

-- view public.line_labels (
--     id bigint NOT NULL,
--     order_id bigint NOT NULL,
--     item text NOT NULL,
--     note text
-- )

CREATE TABLE public.order_lines (
    id bigint NOT NULL,
    order_id bigint NOT NULL,
    item text NOT NULL,
    note text,
    qty integer,
    kind line_kind DEFAULT 'goods' NOT NULL,
    tags text[] DEFAULT '{}' NOT NULL,
    placed_at timestamp with time zone,
    size dims,
    CONSTRAINT order_lines_pkey PRIMARY KEY (id)
);

CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer text NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);

CREATE TABLE public.payments (
    id bigint NOT NULL,
    order_id bigint NOT NULL,
    amount numeric(10,2) NOT NULL,
    CONSTRAINT payments_pkey PRIMARY KEY (id)
);
