-- Schema as sqlgen's catalog sees it (no database involved).

CREATE TABLE public.authors (
    id bigint NOT NULL,
    name text NOT NULL,
    CONSTRAINT authors_pkey PRIMARY KEY (id)
);

CREATE TABLE public.books (
    id bigint NOT NULL,
    author_id bigint NOT NULL,
    title text NOT NULL,
    subtitle text,
    CONSTRAINT books_pkey PRIMARY KEY (id)
);
