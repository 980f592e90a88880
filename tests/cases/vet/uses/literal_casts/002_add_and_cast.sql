-- Literal casts to the enum read the new value while PostgreSQL parses them.

-- +goose Up
ALTER TYPE ai.kind ADD VALUE 'c';
SELECT 'c'::ai.kind; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT CAST('c' AS ai.kind); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT 'a'::ai.kind, 'b'::ai.kind, 'c'::text;
SELECT '{a,c}'::ai.kind[]; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT ARRAY['a', 'c']::ai.kind[]; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT ARRAY['c'::ai.kind]; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT "ai"."kind" 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
-- A cast of a typed constant runs once here (no FROM): it fails as surely.
SELECT 'c'::text::ai.kind; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SET search_path = ai, public;
SELECT 'c'::kind; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT k FROM t WHERE k = 'c'::kind; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}

-- +goose Down
SELECT 1;
