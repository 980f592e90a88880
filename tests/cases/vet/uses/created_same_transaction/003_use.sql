-- +goose Up
INSERT INTO ai.t VALUES ('c');
ALTER TYPE ai.kind ADD VALUE 'd';

-- +goose Down
SELECT 1;
