-- +goose Up
CREATE TABLE counters (id bigint PRIMARY KEY, n bigint NOT NULL DEFAULT 0);

CREATE FUNCTION bump(target bigint) RETURNS void LANGUAGE plpgsql AS $$ -- expected-warning {{goose splits this statement at the ";" ending line 6: wrap it in "-- +goose StatementBegin" and "-- +goose StatementEnd"}}
BEGIN
  UPDATE counters SET n = n + 1 WHERE id = target;
END
$$;

-- One line: goose ends it at its own ";".
CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;

-- +goose StatementBegin
CREATE FUNCTION reset_all() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE counters SET n = 0 WHERE n <> 0;
END
$$;
-- +goose StatementEnd

-- A ";" inside a trailing comment does not count: goose stops at "--".
CREATE VIEW counted AS -- totals; per id
  SELECT id, n FROM counters;

-- +goose Down
DROP TABLE counters CASCADE;
