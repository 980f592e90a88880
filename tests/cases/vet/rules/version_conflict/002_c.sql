-- expected-error@-1 {{duplicate migration version 2}}
-- +goose Up
CREATE TABLE c (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE c;
