-- One transaction per migration: 002 committed before this one runs.

-- +goose Up
UPDATE ai.t SET k = 'c' WHERE s LIKE 'c%';

-- +goose Down
SELECT 1;
