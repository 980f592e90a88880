-- Casts the existing Azure-hosted rows to the new value. The value is produced per row
-- (text -> enum at run time), so with no matching row it is never used: only seeded data
-- shows whether the new value is usable in the deploy's transaction.

-- +goose Up
UPDATE chat_providers SET provider_type = 'azure_openai'::text::ai_provider_type WHERE name LIKE 'azure%';

-- +goose Down
UPDATE chat_providers SET provider_type = 'openai' WHERE provider_type = 'azure_openai';
