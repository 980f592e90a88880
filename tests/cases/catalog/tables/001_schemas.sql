-- +goose Up
CREATE SCHEMA app;
CREATE SCHEMA "Tenant";
CREATE SCHEMA IF NOT EXISTS app;
SET search_path = app, public;

-- +goose Down
DROP SCHEMA "Tenant";
DROP SCHEMA app;
