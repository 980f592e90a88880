-- Duplicates are errors as PostgreSQL reports them, with a note at the first one.
CREATE TABLE users (id int);
CREATE TABLE users (id int); -- expected-error {{relation "users" already exists}}
CREATE TABLE IF NOT EXISTS users (id int);
CREATE TYPE mood AS ENUM ('sad');
CREATE TYPE mood AS ENUM ('ok'); -- expected-error {{type "mood" already exists}}
CREATE TYPE users AS (a int); -- expected-error {{type "users" already exists}}
CREATE TABLE dup_cols (a int, b text, a text); -- expected-error {{column "a" specified more than once}}
ALTER TABLE users ADD COLUMN id text; -- expected-error {{column "id" of relation "users" already exists}}
CREATE SCHEMA s;
CREATE SCHEMA s; -- expected-error {{schema "s" already exists}}
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
CREATE FUNCTION f(y int) RETURNS int LANGUAGE sql AS $$ SELECT y $$; -- expected-error {{function "f" already exists with same argument types}}
CREATE TABLE pk2 (a int PRIMARY KEY, b int PRIMARY KEY); -- expected-error {{multiple primary keys for table "pk2" are not allowed}}
