-- Adds 'azure_openai' to ai.ai_provider_type.
--
-- This deliberately does NOT use `ALTER TYPE ai.ai_provider_type ADD VALUE
-- 'azure_openai'`: a value added by ADD VALUE inside a transaction cannot be
-- used until that transaction commits ("unsafe use of new value", SQLSTATE
-- 55P04). Production runners apply all pending migrations in one transaction,
-- and 003_use_azure.sql uses the new value, so ADD VALUE here would make the
-- deploy fail. Instead the type is recreated with the wider set of values: a
-- brand-new type's values are usable immediately in the same transaction.

-- +goose Up
CREATE TYPE ai.ai_provider_type_new AS ENUM ('openai', 'anthropic', 'azure_openai');
-- The default is typed with the old enum and would block the column change.
ALTER TABLE ai.chat_providers ALTER COLUMN provider_type DROP DEFAULT;
ALTER TABLE ai.chat_providers
    ALTER COLUMN provider_type TYPE ai.ai_provider_type_new
    USING provider_type::text::ai.ai_provider_type_new;
ALTER TABLE ai.chat_providers ALTER COLUMN provider_type SET DEFAULT 'openai';
DROP TYPE ai.ai_provider_type;
ALTER TYPE ai.ai_provider_type_new RENAME TO ai_provider_type;

-- +goose Down
-- Narrows the type back; fails if a row still uses 'azure_openai'
-- (003_use_azure.sql's Down moves those rows back to 'openai').
CREATE TYPE ai.ai_provider_type_old AS ENUM ('openai', 'anthropic');
ALTER TABLE ai.chat_providers ALTER COLUMN provider_type DROP DEFAULT;
ALTER TABLE ai.chat_providers
    ALTER COLUMN provider_type TYPE ai.ai_provider_type_old
    USING provider_type::text::ai.ai_provider_type_old;
ALTER TABLE ai.chat_providers ALTER COLUMN provider_type SET DEFAULT 'openai';
DROP TYPE IF EXISTS ai.ai_provider_type;
ALTER TYPE ai.ai_provider_type_old RENAME TO ai_provider_type;
