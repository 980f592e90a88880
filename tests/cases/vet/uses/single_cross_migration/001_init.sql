-- +goose Up
CREATE SCHEMA ai;
CREATE TYPE ai.kind AS ENUM ('a', 'b');
CREATE TABLE ai.t (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  k ai.kind NOT NULL DEFAULT 'a',
  ks ai.kind[],
  s text
);
CREATE TABLE ai.plain (k ai.kind, s text);

-- +goose Down
DROP SCHEMA ai CASCADE;
