-- AI module: configured chat model providers.

-- +goose Up
CREATE SCHEMA IF NOT EXISTS ai;

CREATE TYPE ai.ai_provider_type AS ENUM ('openai', 'anthropic');

CREATE TABLE ai.chat_providers (
    id            bigint              GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text                NOT NULL,
    provider_type ai.ai_provider_type NOT NULL DEFAULT 'openai',
    base_url      text,
    model         varchar(200),
    enabled       boolean             NOT NULL DEFAULT true,
    settings      jsonb               NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz         NOT NULL DEFAULT now(),
    CONSTRAINT chat_providers_name_key UNIQUE (name)
);

COMMENT ON TABLE ai.chat_providers IS 'Chat model providers the application can call.';
COMMENT ON COLUMN ai.chat_providers.base_url IS 'Overrides the provider''s default endpoint; NULL uses the default.';

-- +goose Down
DROP TABLE IF EXISTS ai.chat_providers;
DROP TYPE IF EXISTS ai.ai_provider_type;
DROP SCHEMA IF EXISTS ai;
