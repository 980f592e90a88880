-- Values a type is created with are usable in the creating transaction.

-- +goose Up
CREATE SCHEMA ai;
CREATE TYPE ai.kind AS ENUM ('a', 'b');
CREATE TABLE ai.t (k ai.kind NOT NULL DEFAULT 'b');
INSERT INTO ai.t VALUES ('b');
SELECT 'b'::ai.kind;

-- +goose Down
DROP SCHEMA ai CASCADE;
