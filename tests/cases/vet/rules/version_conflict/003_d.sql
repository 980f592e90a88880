-- +goose Up
-- Versions 1, 2 (twice) and 3: only the second 2 conflicts, and no gap is reported (off).
CREATE TABLE d (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE d;
