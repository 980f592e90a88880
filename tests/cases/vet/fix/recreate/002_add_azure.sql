-- Adds 'azure_openai' and moves the Azure-hosted providers to it.

-- +goose Up
CREATE TABLE ai.regions (name text PRIMARY KEY);
ALTER TYPE ai.provider_type ADD VALUE 'azure_openai' AFTER 'openai';
UPDATE ai.providers SET provider_type = 'azure_openai' WHERE name LIKE 'azure%';

-- +goose Down
UPDATE ai.providers SET provider_type = 'openai' WHERE provider_type::text = 'azure_openai';
DROP TABLE ai.regions;
