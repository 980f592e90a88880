-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY users_nick ON users (nick);

-- +goose Down
DROP INDEX CONCURRENTLY users_nick;
