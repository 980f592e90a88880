-- +goose Up
-- Functions in a schema the connection's search_path does not hold: the queries name them
-- unqualified (the module's search_path finds them), the SQL sqlgen sends must not.
CREATE SCHEMA app;
CREATE TABLE app.items (id bigint PRIMARY KEY, price int NOT NULL, tags text[] NOT NULL);
CREATE FUNCTION app.twice(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x * 2;
CREATE FUNCTION app.items_above(min_price int)
  RETURNS SETOF app.items LANGUAGE sql STABLE
  BEGIN ATOMIC SELECT * FROM app.items WHERE price > min_price; END;
CREATE FUNCTION app.touch(item bigint) RETURNS void LANGUAGE sql AS $$ SELECT $$;
CREATE PROCEDURE app.reprice(item bigint, price int) LANGUAGE sql
  BEGIN ATOMIC UPDATE app.items SET price = reprice.price WHERE id = reprice.item; END;
