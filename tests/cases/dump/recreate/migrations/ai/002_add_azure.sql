-- +goose Up
CREATE TYPE ai_provider_type_new AS ENUM ('openai', 'anthropic', 'azure_openai');
ALTER TABLE chat_providers ALTER COLUMN provider_type DROP DEFAULT;
ALTER TABLE chat_providers
    ALTER COLUMN provider_type TYPE ai_provider_type_new
    USING provider_type::text::ai_provider_type_new;
ALTER TABLE chat_providers ALTER COLUMN provider_type SET DEFAULT 'openai';
DROP TYPE ai_provider_type;
ALTER TYPE ai_provider_type_new RENAME TO ai_provider_type;

-- +goose Down
CREATE TYPE ai_provider_type_old AS ENUM ('openai', 'anthropic');
ALTER TABLE chat_providers ALTER COLUMN provider_type DROP DEFAULT;
ALTER TABLE chat_providers
    ALTER COLUMN provider_type TYPE ai_provider_type_old
    USING provider_type::text::ai_provider_type_old;
ALTER TABLE chat_providers ALTER COLUMN provider_type SET DEFAULT 'openai';
DROP TYPE ai_provider_type;
ALTER TYPE ai_provider_type_old RENAME TO ai_provider_type;
