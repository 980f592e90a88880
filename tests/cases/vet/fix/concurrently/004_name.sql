-- +goose Up
CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);

-- +goose Down
DROP INDEX CONCURRENTLY accounts_name;
