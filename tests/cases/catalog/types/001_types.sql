-- +goose Up
CREATE SCHEMA kinds;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE kinds.status AS ENUM ('active');
ALTER TYPE kinds.status ADD VALUE 'archived';
ALTER TYPE kinds.status ADD VALUE 'pending' BEFORE 'active';
ALTER TYPE kinds.status ADD VALUE IF NOT EXISTS 'active';
ALTER TYPE kinds.status ADD VALUE 'paused' AFTER 'active';
ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';
CREATE TYPE pair AS (a int, b text, c mood[]);
CREATE TYPE kinds.span AS RANGE (subtype = float8);
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE DOMAIN kinds.email AS varchar(200) NOT NULL CHECK (VALUE LIKE '%@%');
CREATE DOMAIN kinds.nullable_code AS char(4) DEFAULT 'AAAA';
CREATE TABLE kinds.things (
  m mood NOT NULL,
  moods mood[],
  s kinds.status DEFAULT 'active',
  p pair,
  n posint,
  e kinds.email,
  c kinds.nullable_code,
  r kinds.span
);
CREATE TYPE to_drop AS ENUM ('x');
CREATE TYPE kinds.gone AS ENUM ('y');
CREATE TABLE kinds.uses_gone (keep int, g kinds.gone, gs kinds.gone[]);
DROP TYPE to_drop;
DROP TYPE IF EXISTS never_existed;
DROP TYPE kinds.gone CASCADE;
CREATE TYPE old_name AS ENUM ('a');
ALTER TYPE old_name RENAME TO new_name;
ALTER TYPE new_name SET SCHEMA kinds;
CREATE DOMAIN dropped_domain AS text;
CREATE TABLE kinds.uses_domain (d dropped_domain, k int);
DROP DOMAIN dropped_domain CASCADE;
-- +goose Down
DROP SCHEMA kinds CASCADE;
DROP TYPE pair, mood;
DROP DOMAIN posint;
