-- +goose Up
UPDATE ai.t SET k = 'c' WHERE s LIKE 'c%';

-- +goose Down
SELECT 1;
