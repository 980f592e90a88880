-- +goose Up
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, name text);

-- +goose Down
DROP TABLE accounts;
