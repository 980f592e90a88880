-- +goose Up
CREATE TYPE ai_provider_type AS ENUM ('openai', 'anthropic');

CREATE TABLE chat_providers (
    id            bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text             NOT NULL,
    provider_type ai_provider_type NOT NULL DEFAULT 'openai'
);

-- +goose Down
DROP TABLE chat_providers;
DROP TYPE ai_provider_type;
