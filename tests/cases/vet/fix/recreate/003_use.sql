-- +goose Up
INSERT INTO billing.usage (provider, tokens) VALUES ('azure_openai', 0);

-- +goose Down
DELETE FROM billing.usage WHERE provider::text = 'azure_openai';
