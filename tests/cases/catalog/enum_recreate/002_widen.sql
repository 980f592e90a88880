-- +goose Up
-- Recreate instead of ADD VALUE: values of a new type are usable at once.
CREATE TYPE ai.provider_type_new AS ENUM ('openai', 'anthropic', 'azure_openai');
ALTER TABLE ai.providers ALTER COLUMN provider_type DROP DEFAULT;
ALTER TABLE ai.providers
  ALTER COLUMN provider_type TYPE ai.provider_type_new USING provider_type::text::ai.provider_type_new,
  ALTER COLUMN fallbacks TYPE ai.provider_type_new[] USING fallbacks::text[]::ai.provider_type_new[];
ALTER TABLE ai.providers ALTER COLUMN provider_type SET DEFAULT 'openai';
DROP TYPE ai.provider_type;
ALTER TYPE ai.provider_type_new RENAME TO provider_type;
-- +goose Down
SELECT 1;
