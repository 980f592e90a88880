-- +goose Up
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION pgcrypto;
CREATE EXTENSION "uuid-ossp";
CREATE EXTENSION hstore;
CREATE EXTENSION ltree;
CREATE SCHEMA fn;
CREATE TABLE fn.people (
  id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
  email citext NOT NULL,
  attrs hstore,
  path ltree,
  secret text DEFAULT crypt('x', gen_salt('bf'))
);
COMMENT ON TABLE fn.people IS 'people we know';
COMMENT ON COLUMN fn.people.email IS 'unique per tenant';
COMMENT ON SCHEMA fn IS 'functions live here';
-- +goose Down
DROP SCHEMA fn CASCADE;
