-- +goose NO TRANSACTION
-- Commits the batch before it (002) and runs outside a transaction.

-- +goose Up
CREATE INDEX CONCURRENTLY t_k_idx ON ai.t (k);

-- +goose Down
DROP INDEX CONCURRENTLY ai.t_k_idx;
