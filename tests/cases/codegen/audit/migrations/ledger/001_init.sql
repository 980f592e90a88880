-- +goose Up
CREATE SCHEMA ledger;

CREATE TABLE ledger.entries (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    amount_cents bigint NOT NULL,
    iban         text   NOT NULL
);

-- +goose Down
DROP TABLE ledger.entries;
DROP SCHEMA ledger;
