-- +goose Up
ALTER TYPE ai_provider_type ADD VALUE 'azure_openai';

-- +goose Down
-- PostgreSQL cannot drop an enum value.
