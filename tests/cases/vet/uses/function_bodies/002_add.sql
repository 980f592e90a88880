-- +goose Up
ALTER TYPE ai.kind ADD VALUE 'c';

-- +goose Down
SELECT 1;
