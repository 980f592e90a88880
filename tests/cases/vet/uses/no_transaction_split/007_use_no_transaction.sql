-- +goose NO TRANSACTION
-- 006's transaction commits before this migration runs.

-- +goose Up
UPDATE ai.t SET k = 'f' WHERE s LIKE 'f%';

-- +goose Down
SELECT 1;
