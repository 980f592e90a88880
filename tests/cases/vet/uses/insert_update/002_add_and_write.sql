-- Writing the new value: INSERT rows (every VALUES row, INSERT ... SELECT,
-- no column list, ON CONFLICT), UPDATE SET, array elements.

-- +goose Up
ALTER TYPE ai.kind ADD VALUE 'c' AFTER 'a';
INSERT INTO ai.t (k, s) VALUES
  ('a', 'x'),
  ('c', 'y'), -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
  ('b', 'z');
INSERT INTO ai.t (s, k) SELECT 'z', 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
INSERT INTO ai.t (ks) VALUES ('{c}'); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
INSERT INTO ai.t (ks) VALUES (ARRAY['b', 'c']::ai.kind[]); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
INSERT INTO ai.plain VALUES ('c', 'no column list'); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
INSERT INTO ai.plain VALUES ('a', 'c');
INSERT INTO ai.t (k) VALUES ('a') ON CONFLICT (id) DO UPDATE SET k = 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
INSERT INTO ai.t (k) VALUES ('c'::text::ai.kind); -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
UPDATE ai.t SET k = 'c' WHERE s = 'x'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
UPDATE ai.t SET ks[1] = 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
UPDATE ai.t SET k = CASE WHEN s = 'x' THEN 'c' ELSE k END; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
UPDATE ai.t SET s = 'c', k = 'b';
-- Computed per row: fails only when the UPDATE reaches a row.
UPDATE ai.t SET k = 'c'::text::ai.kind WHERE s = 'y'; -- expected-warning {{enum value "c" of type "ai.kind" may be used in the same transaction that adds it: it is computed per row, so this fails only on databases with rows the statement reaches (unsafe use of new value, SQLSTATE 55P04)}}

-- +goose Down
SELECT 1;
