-- Built-in relations and extensions: what PostgreSQL refuses, sqlgen refuses.
CREATE EXTENSION earthdistance; -- expected-error {{required extension "cube" is not installed (use CREATE EXTENSION ... CASCADE to install required extensions too)}}
CREATE EXTENSION adminpack SCHEMA public; -- expected-error {{extension "adminpack" must be installed in schema "pg_catalog"}}
CREATE EXTENSION plpgsql; -- expected-error {{extension "plpgsql" already exists}}
CREATE EXTENSION IF NOT EXISTS plpgsql;
ALTER TABLE pg_class ADD COLUMN x int; -- expected-error {{relation "pg_class" belongs to PostgreSQL; migrations cannot change it}}
DROP VIEW information_schema.tables; -- expected-error {{relation "information_schema.tables" belongs to PostgreSQL; migrations cannot change it}}
CREATE EXTENSION pg_stat_statements;
DROP VIEW pg_stat_statements; -- expected-error {{relation "pg_stat_statements" belongs to extension "pg_stat_statements"; migrations cannot change it}}
ALTER TABLE information_schema.no_such_view ADD COLUMN x int; -- expected-error {{relation "information_schema.no_such_view" does not exist}}
-- Reading a built-in relation is fine.
CREATE TABLE namespaces (LIKE pg_catalog.pg_namespace);
CREATE FUNCTION relname_length(n pg_class.relname%TYPE) RETURNS int LANGUAGE sql AS $$ SELECT length(n) $$;
