-- +goose Up
CREATE SCHEMA ai;
CREATE SCHEMA billing;
CREATE TYPE ai.provider_type AS ENUM ('openai', 'anthropic');
COMMENT ON TYPE ai.provider_type IS 'Who hosts the model; ''azure'' hosts openai models too.';

CREATE TABLE ai.providers (
    id            bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text             NOT NULL CHECK (name <> ''),
    provider_type ai.provider_type NOT NULL DEFAULT 'openai',
    fallbacks     ai.provider_type[]
);
COMMENT ON COLUMN ai.providers.provider_type IS 'The hosting provider.';

CREATE TABLE billing.usage (
    provider ai.provider_type NOT NULL DEFAULT 'anthropic'::ai.provider_type,
    tokens   bigint           NOT NULL
);

CREATE TABLE ai.events (
    at       date NOT NULL,
    provider ai.provider_type
);

-- +goose Down
DROP SCHEMA billing CASCADE;
DROP SCHEMA ai CASCADE;
