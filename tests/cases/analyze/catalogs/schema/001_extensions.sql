-- Contrib extensions as application schemas create them.
CREATE SCHEMA ext;
CREATE EXTENSION pg_trgm;
CREATE EXTENSION unaccent;
CREATE EXTENSION fuzzystrmatch;
CREATE EXTENSION btree_gist;
CREATE EXTENSION earthdistance CASCADE;
CREATE EXTENSION intarray;
CREATE EXTENSION hstore;
CREATE EXTENSION isn;
CREATE EXTENSION tablefunc;
CREATE EXTENSION pg_stat_statements;
CREATE EXTENSION "uuid-ossp" WITH SCHEMA ext;
CREATE EXTENSION seg SCHEMA ext;
