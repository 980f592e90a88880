-- Contrib extensions (with the views and composite types they create) and tables and views
-- over system catalogs: only the user's objects are in either catalog's facts.
CREATE SCHEMA ext;
CREATE EXTENSION earthdistance WITH SCHEMA ext CASCADE;
CREATE EXTENSION pg_stat_statements;
CREATE EXTENSION pg_buffercache SCHEMA ext;
CREATE EXTENSION tablefunc;
CREATE EXTENSION pg_trgm;
CREATE EXTENSION btree_gist;
CREATE EXTENSION intarray;
CREATE EXTENSION isn;
CREATE EXTENSION lo;
CREATE EXTENSION IF NOT EXISTS plpgsql;

CREATE TABLE places (
  id bigint PRIMARY KEY,
  location ext.earth NOT NULL,
  area ext.cube,
  tags int[] NOT NULL,
  code isbn13,
  blob lo,
  during tstzrange NOT NULL,
  EXCLUDE USING gist (id WITH =, during WITH &&)
);
CREATE TABLE namespaces (LIKE pg_catalog.pg_namespace);
CREATE VIEW relation_names AS SELECT c.relname, n.nspname FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace;
CREATE VIEW statement_calls AS SELECT query, calls FROM pg_stat_statements;
CREATE VIEW table_columns AS SELECT table_name, column_name FROM information_schema.columns;
