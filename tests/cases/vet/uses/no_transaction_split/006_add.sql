-- +goose Up
ALTER TYPE ai.kind ADD VALUE 'f';

-- +goose Down
SELECT 1;
