-- PostgreSQL 15 blocks a value ADD VALUE added even when the type itself was
-- created earlier in the same transaction (PostgreSQL 17 allows it).

-- +goose Up
CREATE TYPE mood AS ENUM ('sad');
ALTER TYPE mood ADD VALUE 'happy';
SELECT 'happy'::mood; -- expected-error {{enum value "happy" of type "public.mood" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}

-- +goose Down
DROP TYPE mood;
