-- +goose Up
-- The label exists already: nothing is added, its use is safe.
ALTER TYPE ai.kind ADD VALUE IF NOT EXISTS 'a';
SELECT 'a'::ai.kind;
UPDATE ai.t SET k = 'a' WHERE s IS NULL;
-- A new label is added, IF NOT EXISTS or not.
ALTER TYPE ai.kind ADD VALUE IF NOT EXISTS 'c' BEFORE 'b';
UPDATE ai.t SET k = 'c' WHERE s IS NULL; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}

-- +goose Down
SELECT 1;
