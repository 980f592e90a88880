-- Login sessions; the token itself is never stored, only its hash.

-- +goose Up
CREATE TABLE identity.sessions (
    id           bigserial   PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL,
    user_agent   text,
    ip_address   inet,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash),
    CONSTRAINT sessions_expiry_check CHECK (expires_at > created_at)
);

CREATE INDEX sessions_user_id_idx ON identity.sessions (user_id);
CREATE INDEX sessions_active_idx ON identity.sessions (expires_at) WHERE revoked_at IS NULL;

COMMENT ON TABLE identity.sessions IS 'Login sessions, one row per issued token.';
COMMENT ON COLUMN identity.sessions.token_hash IS 'SHA-256 of the session token.';

-- +goose Down
DROP INDEX IF EXISTS identity.sessions_active_idx;
DROP INDEX IF EXISTS identity.sessions_user_id_idx;
DROP TABLE IF EXISTS identity.sessions;
