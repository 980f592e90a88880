-- Casting stored values to the enum: fails only where rows hold the new value.

-- +goose Up
CREATE TABLE ai.legacy (a text, b text, c text[], e text);
ALTER TYPE ai.kind ADD VALUE 'c';
ALTER TABLE ai.legacy ALTER COLUMN a TYPE ai.kind USING a::ai.kind; -- expected-warning {{enum value "c" of type "ai.kind" may be used in the same transaction that adds it: this cast fails only on databases whose rows hold the value (unsafe use of new value, SQLSTATE 55P04)}}
ALTER TABLE ai.legacy
  ALTER COLUMN b TYPE ai.kind
  USING b::text::ai.kind; -- expected-warning {{enum value "c" of type "ai.kind" may be used in the same transaction that adds it: this cast fails only on databases whose rows hold the value (unsafe use of new value, SQLSTATE 55P04)}}
ALTER TABLE ai.legacy ALTER COLUMN c TYPE ai.kind[] USING c::ai.kind[]; -- expected-warning {{enum value "c" of type "ai.kind" may be used in the same transaction that adds it: this cast fails only on databases whose rows hold the value (unsafe use of new value, SQLSTATE 55P04)}}
UPDATE ai.t SET k = s::ai.kind; -- expected-warning {{enum value "c" of type "ai.kind" may be used in the same transaction that adds it: this cast fails only on databases whose rows hold the value (unsafe use of new value, SQLSTATE 55P04)}}
ALTER TABLE ai.legacy ALTER COLUMN e TYPE ai.kind USING 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
ALTER TABLE ai.plain ALTER COLUMN k TYPE ai.kind USING k;

-- +goose Down
SELECT 1;
