-- +goose Up
CREATE TABLE a (id bigint PRIMARY KEY);
-- expected-warning@-2 {{migration has no "-- +goose Down" section}}
