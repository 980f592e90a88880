-- Two migrations after the ADD VALUE, deployed in the same transaction (mode "single").
-- PostgreSQL parses and analyzes LANGUAGE sql bodies at CREATE FUNCTION.

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION ai.count_c() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM ai.t WHERE k = 'c' -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
$$;
-- +goose StatementEnd

CREATE FUNCTION ai.is_c(x ai.kind) RETURNS boolean LANGUAGE sql RETURN x = 'c'; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}

-- +goose StatementBegin
CREATE PROCEDURE ai.set_c(target bigint) LANGUAGE sql
BEGIN ATOMIC
  UPDATE ai.t SET k = 'c' WHERE id = target; -- expected-error {{enum value "c" of type "ai.kind" is used in the same transaction that adds it (unsafe use of new value, SQLSTATE 55P04)}}
END;
-- +goose StatementEnd

-- Old values are committed: no finding.
CREATE FUNCTION ai.count_a() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM ai.t WHERE k = ''a''';
CREATE FUNCTION ai.is_b(x ai.kind) RETURNS boolean LANGUAGE sql RETURN x = 'b';

-- A cast of a typed value is evaluated when the function runs, not at CREATE.
-- +goose StatementBegin
CREATE FUNCTION ai.c_later() RETURNS ai.kind LANGUAGE sql AS $body$
  SELECT 'c'::text::ai.kind -- expected-warning {{enum value "c" of type "ai.kind" may be used in the same transaction that adds it: it is computed per row, so this fails only on databases with rows the statement reaches (unsafe use of new value, SQLSTATE 55P04)}}
$body$;
-- +goose StatementEnd

-- PL/pgSQL bodies are checked when they run: a warning.
-- +goose StatementBegin
CREATE FUNCTION ai.count_c_pl() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT count(*) FROM ai.t WHERE k = 'c'); -- expected-warning {{enum value "c" of type "ai.kind" appears in a PL/pgSQL body created in the same transaction that adds it: PostgreSQL checks the body only when it runs, so a call before the commit fails (unsafe use of new value, SQLSTATE 55P04)}}
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION ai.count_c;
