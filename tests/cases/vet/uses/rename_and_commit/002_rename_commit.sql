-- +goose Up
ALTER TYPE ai.kind ADD VALUE 'c';
-- Renaming keeps the value uncommitted.
ALTER TYPE ai.kind RENAME VALUE 'c' TO 'cc';
SELECT 'cc'::ai.kind; -- expected-error {{enum value "cc" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
-- Renaming a committed value is no addition.
ALTER TYPE ai.kind RENAME VALUE 'a' TO 'aa';
SELECT 'aa'::ai.kind;
-- A COMMIT inside the migration ends the transaction that added the value.
ALTER TYPE ai.kind ADD VALUE 'd';
COMMIT;
BEGIN;
SELECT 'd'::ai.kind;

-- +goose Down
SELECT 1;
