-- Still one transaction for the statements of one migration.

-- +goose Up
ALTER TYPE ai.kind ADD VALUE 'd';
UPDATE ai.t SET k = 'd' WHERE s LIKE 'd%'; -- expected-error {{enum value "d" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}

-- +goose Down
SELECT 1;
