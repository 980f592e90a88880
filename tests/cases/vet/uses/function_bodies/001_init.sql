-- +goose Up
CREATE SCHEMA ai;
CREATE TYPE ai.kind AS ENUM ('a', 'b');
CREATE TABLE ai.t (id bigint PRIMARY KEY, k ai.kind NOT NULL DEFAULT 'a');

-- +goose Down
DROP SCHEMA ai CASCADE;
