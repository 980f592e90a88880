-- +goose Up
CREATE TABLE b (id bigint PRIMARY KEY);

-- +goose Down
-- expected-warning@-1 {{migration has an empty "-- +goose Down" section}}
