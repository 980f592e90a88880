-- +goose Up
CREATE SCHEMA bank;

CREATE TABLE bank.accounts (
    id      integer PRIMARY KEY,
    owner   text    NOT NULL,
    balance bigint  NOT NULL
);

-- Raises an error with the given SQLSTATE, as a conflict or a failed check would.
-- +goose StatementBegin
CREATE FUNCTION bank.raise_sqlstate(code text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'raised %', code USING ERRCODE = code;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION bank.raise_sqlstate(text);
DROP TABLE bank.accounts;
DROP SCHEMA bank;
