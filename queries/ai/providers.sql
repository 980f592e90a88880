-- name: ListEnabledProviders :many
SELECT * FROM ai.chat_providers WHERE enabled ORDER BY name;

-- The endpoint to call: the configured base URL or the provider's default.
-- name: GetProviderEndpoint :one
SELECT id,
       name,
       provider_type,
       COALESCE(base_url,
                CASE provider_type
                    WHEN 'openai' THEN 'https://api.openai.com/v1'
                    WHEN 'anthropic' THEN 'https://api.anthropic.com'
                END) AS endpoint,
       model,
       api_version,
       settings ->> 'deployment' AS deployment
FROM chat_providers
WHERE name = @name AND enabled;

-- name: CreateProvider :one
INSERT INTO ai.chat_providers (name, provider_type, base_url, model, api_version, settings)
VALUES (@name, @provider_type, sqlc.narg(base_url), sqlc.narg(model), sqlc.narg(api_version), @settings)
RETURNING *;

-- Creates or reconfigures a provider by name.
-- name: UpsertProvider :one
INSERT INTO chat_providers (name, provider_type, base_url, model, settings)
VALUES (@name, @provider_type, @base_url, @model, @settings)
ON CONFLICT (name) DO UPDATE
SET provider_type = excluded.provider_type,
    base_url = excluded.base_url,
    model = excluded.model,
    settings = chat_providers.settings || excluded.settings
RETURNING id, name, provider_type, enabled;

-- name: ListProvidersByType :many
SELECT id, name, provider_type, model
FROM ai.chat_providers
WHERE provider_type = ANY(@types::ai.ai_provider_type[])
ORDER BY provider_type, name;

-- name: ProviderTypeSummary :many
SELECT provider_type,
       count(*) AS providers,
       array_agg(name ORDER BY name) AS names,
       bool_or(enabled) AS any_enabled
FROM ai.chat_providers
GROUP BY provider_type
ORDER BY provider_type;

-- name: SetProvidersEnabled :execrows
UPDATE ai.chat_providers
SET enabled = @enabled
WHERE id = ANY(sqlc.slice(ids));
