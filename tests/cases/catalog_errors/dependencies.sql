-- Objects others depend on cannot be dropped without CASCADE.
CREATE TYPE status AS ENUM ('a', 'b');
CREATE TABLE uses_status (s status);
DROP TYPE status; -- expected-error {{cannot drop type status because other objects depend on it}}
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (parent_id int REFERENCES parent (id));
DROP TABLE parent; -- expected-error {{cannot drop table parent because other objects depend on it}}
DROP TABLE missing_table; -- expected-error {{relation "missing_table" does not exist}}
DROP TABLE IF EXISTS missing_table;
CREATE VIEW v AS SELECT 1 AS one;
DROP TABLE v; -- expected-error {{"v" is not a table}}
DO $$ BEGIN EXECUTE 'CREATE TABLE hidden (x int)'; END $$; -- expected-warning {{DO statement is not modelled by the catalog; columns it changes are invisible to sqlgen}}
CREATE EXTENSION postgis; -- expected-warning {{extension "postgis" is not known to sqlgen; its types and functions are not modelled}}
