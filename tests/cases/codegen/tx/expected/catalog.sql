-- Schema as sqlgen's catalog sees it (no database involved).

CREATE SCHEMA bank;

CREATE TABLE bank.accounts (
    id integer NOT NULL,
    owner text NOT NULL,
    balance bigint NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);

-- FUNCTION bank.raise_sqlstate(code text) RETURNS void
