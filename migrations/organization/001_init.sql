-- Organization module: tenants and who belongs to them.

-- +goose Up
CREATE SCHEMA IF NOT EXISTS organization;

CREATE TABLE organization.organizations (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    slug       varchar(63) NOT NULL,
    name       text        NOT NULL,
    owner_id   uuid        NOT NULL REFERENCES identity.users (id) ON DELETE RESTRICT,
    settings   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    tags       text[]      NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    CONSTRAINT organizations_slug_key UNIQUE (slug),
    CONSTRAINT organizations_slug_check CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$')
);

CREATE INDEX organizations_owner_id_idx ON organization.organizations (owner_id);
CREATE INDEX organizations_tags_idx ON organization.organizations USING gin (tags);

CREATE TRIGGER organizations_set_updated_at
    BEFORE UPDATE ON organization.organizations
    FOR EACH ROW EXECUTE FUNCTION identity.set_updated_at();

CREATE TABLE organization.memberships (
    organization_id uuid        NOT NULL REFERENCES organization.organizations (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    role            text        NOT NULL DEFAULT 'member',
    joined_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, user_id),
    CONSTRAINT memberships_role_check CHECK (role IN ('owner', 'admin', 'member', 'viewer'))
);

CREATE INDEX memberships_user_id_idx ON organization.memberships (user_id);

COMMENT ON TABLE organization.organizations IS 'Tenants; every billable resource belongs to one.';
COMMENT ON COLUMN organization.organizations.slug IS 'URL-safe unique handle.';
COMMENT ON COLUMN organization.organizations.deleted_at IS 'Soft-delete marker; NULL while active.';
COMMENT ON TABLE organization.memberships IS 'Which users belong to which organizations, and their role.';

-- +goose Down
DROP INDEX IF EXISTS organization.memberships_user_id_idx;
DROP TABLE IF EXISTS organization.memberships;
DROP TRIGGER IF EXISTS organizations_set_updated_at ON organization.organizations;
DROP INDEX IF EXISTS organization.organizations_tags_idx;
DROP INDEX IF EXISTS organization.organizations_owner_id_idx;
DROP TABLE IF EXISTS organization.organizations;
DROP SCHEMA IF EXISTS organization;
