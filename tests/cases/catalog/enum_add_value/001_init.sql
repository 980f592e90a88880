-- +goose Up
CREATE SCHEMA ai;
CREATE TYPE ai.provider_type AS ENUM ('openai', 'anthropic');
CREATE TABLE ai.providers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  provider_type ai.provider_type NOT NULL DEFAULT 'openai',
  fallbacks ai.provider_type[]
);
-- +goose Down
DROP SCHEMA ai CASCADE;
