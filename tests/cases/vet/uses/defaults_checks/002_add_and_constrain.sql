-- Defaults, CHECK constraints, domains and views naming the new value.

-- +goose Up
ALTER TYPE ai.kind ADD VALUE 'c';
ALTER TABLE ai.t ALTER COLUMN k SET DEFAULT 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
ALTER TABLE ai.t ADD CONSTRAINT t_k_check CHECK (k <> 'c'); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
ALTER TABLE ai.t ADD COLUMN k2 ai.kind DEFAULT 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
CREATE TABLE ai.u (
  k ai.kind DEFAULT 'c', -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
  ks ai.kind[] DEFAULT '{a,c}', -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
  CHECK (k IN ('a', 'c')) -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
);
CREATE DOMAIN ai.kind_not_c AS ai.kind CHECK (VALUE <> 'c'); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
CREATE VIEW ai.cs AS SELECT id FROM ai.t WHERE k = 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
ALTER TABLE ai.t ALTER COLUMN k SET DEFAULT 'b';
ALTER TABLE ai.plain ADD CONSTRAINT plain_k_check CHECK (k <> 'b');

-- +goose Down
SELECT 1;
