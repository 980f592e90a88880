-- Deployed together with 002, in one transaction (mode "single").

-- +goose Up
UPDATE ai.t SET k = 'c' WHERE s LIKE 'c%'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}

-- +goose Down
UPDATE ai.t SET k = 'a' WHERE k::text = 'c';
