-- +goose Up
CREATE TABLE counters (id bigint PRIMARY KEY, n bigint NOT NULL DEFAULT 0);
CREATE FUNCTION bump(target bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE counters SET n = n + 1 WHERE id = target;
END
$$;

-- +goose Down
DROP FUNCTION bump(bigint);
DROP TABLE counters;
