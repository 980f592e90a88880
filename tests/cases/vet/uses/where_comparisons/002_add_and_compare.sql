-- Comparing an enum column with the new value, in migrations' WHERE clauses.

-- +goose Up
ALTER TYPE ai.kind ADD VALUE 'c';
UPDATE ai.t SET s = 'y' WHERE k = 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
DELETE FROM ai.t WHERE k IN ('a', 'c'); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
DELETE FROM ai.t WHERE 'c' = k; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT id FROM ai.t AS x WHERE x.k <> 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT id FROM ai.t WHERE k = ANY ('{a,c}'); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT id FROM ai.t WHERE 'c' = ANY (ks); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT id FROM ai.t WHERE k BETWEEN 'a' AND 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT id FROM ai.t WHERE CASE k WHEN 'c' THEN true ELSE false END; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT id FROM ai.t WHERE COALESCE(k, 'c') = 'a'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT id FROM ai.t WHERE k IS DISTINCT FROM 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
-- The planner folds a constant cast in a qual even when no row matches.
DELETE FROM ai.t WHERE k = 'c'::text::ai.kind; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
UPDATE ai.t SET s = 'q' WHERE id IN (SELECT id FROM ai.t u WHERE u.k = 'c'); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
WITH x AS (SELECT id FROM ai.t WHERE k = 'c') SELECT * FROM x; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
DELETE FROM ai.t USING ai.plain p WHERE p.k = 'c' AND p.s = ai.t.s; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
SELECT t.id FROM ai.t JOIN ai.plain p ON p.k = 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
-- Through text, or on text columns: no enum value is read.
SELECT id FROM ai.t WHERE k::text = 'c';
SELECT id FROM ai.t WHERE s = 'c' OR s IN ('c', 'd');
DELETE FROM ai.t WHERE k = 'b';

-- +goose Down
SELECT 1;
