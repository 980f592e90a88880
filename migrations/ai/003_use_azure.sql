-- Moves Azure-hosted providers to the 'azure_openai' type added by
-- 002_widen_provider_type.sql (in the same transaction when deployed together)
-- and records the Azure API version they need.

-- +goose Up
UPDATE ai.chat_providers SET provider_type = 'azure_openai' WHERE name LIKE 'azure%';

ALTER TABLE ai.chat_providers ADD COLUMN api_version varchar(32);

COMMENT ON COLUMN ai.chat_providers.api_version IS 'Azure OpenAI API version, e.g. 2024-02-01; NULL for other providers.';

-- +goose Down
ALTER TABLE ai.chat_providers DROP COLUMN IF EXISTS api_version;
UPDATE ai.chat_providers SET provider_type = 'openai' WHERE provider_type = 'azure_openai';
