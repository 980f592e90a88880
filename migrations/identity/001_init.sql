-- Identity module: users and their lifecycle status.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

CREATE SCHEMA IF NOT EXISTS identity;

CREATE TYPE identity.user_status AS ENUM ('pending', 'active', 'disabled');

CREATE TABLE identity.users (
    id            uuid                 PRIMARY KEY DEFAULT gen_random_uuid(),
    email         public.citext        NOT NULL,
    display_name  varchar(100),
    status        identity.user_status NOT NULL DEFAULT 'pending',
    password_hash text,
    last_login_at timestamptz,
    created_at    timestamptz          NOT NULL DEFAULT now(),
    updated_at    timestamptz          NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE INDEX users_status_idx ON identity.users (status);

COMMENT ON TABLE identity.users IS 'People who can sign in.';
COMMENT ON COLUMN identity.users.email IS 'Login email, compared case-insensitively.';
COMMENT ON COLUMN identity.users.password_hash IS 'NULL for users who only sign in through SSO.';

-- Shared by every module's tables that carry an updated_at column.
-- +goose StatementBegin
CREATE FUNCTION identity.set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER users_set_updated_at
    BEFORE UPDATE ON identity.users
    FOR EACH ROW EXECUTE FUNCTION identity.set_updated_at();

-- +goose Down
DROP TRIGGER IF EXISTS users_set_updated_at ON identity.users;
DROP FUNCTION IF EXISTS identity.set_updated_at();
DROP INDEX IF EXISTS identity.users_status_idx;
DROP TABLE IF EXISTS identity.users;
DROP TYPE IF EXISTS identity.user_status;
DROP SCHEMA IF EXISTS identity;
DROP EXTENSION IF EXISTS citext;
