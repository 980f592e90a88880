-- +goose Up
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
CREATE INDEX accounts_email ON accounts (email);

-- +goose Down
DROP TABLE accounts;
