-- +goose NO TRANSACTION
-- Each statement commits on its own: the value is committed before its use.

-- +goose Up
ALTER TYPE ai.kind ADD VALUE 'd';
UPDATE ai.t SET k = 'd' WHERE s LIKE 'd%';
-- +goose StatementBegin
ALTER TYPE ai.kind ADD VALUE 'e';
UPDATE ai.t SET k = 'e' WHERE s LIKE 'e%'; -- expected-error {{enum value "e" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
-- +goose StatementEnd

-- +goose Down
SELECT 1;
