-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY accounts_email_3 ON accounts (email);
VACUUM accounts;

-- +goose Down
DROP INDEX CONCURRENTLY accounts_email_3;
