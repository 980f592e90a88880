-- +goose Up
ALTER TYPE ai.provider_type ADD VALUE 'azure_openai';
-- +goose Down
SELECT 1;
