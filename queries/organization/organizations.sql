-- name: GetOrganizationBySlug :one
SELECT * FROM organization.organizations
WHERE slug = @slug AND deleted_at IS NULL;

-- Creates an organization and makes its owner a member in one statement.
-- name: CreateOrganizationWithOwner :one
WITH org AS (
    INSERT INTO organization.organizations (slug, name, owner_id, settings, tags)
    VALUES (@slug, @name, @owner_id, @settings, @tags)
    RETURNING id, slug, name, created_at
), owner_membership AS (
    INSERT INTO organization.memberships (organization_id, user_id, role)
    SELECT org.id, @owner_id, 'owner' FROM org
    RETURNING organization_id, joined_at
)
SELECT org.id, org.slug, org.name, org.created_at, om.joined_at
FROM org
JOIN owner_membership om ON om.organization_id = org.id;

-- The live organizations a user belongs to, with their plan and size.
-- name: ListOrganizationsForUser :many
SELECT o.id,
       o.slug,
       o.name,
       m.role,
       o.settings ->> 'plan' AS plan,
       (SELECT count(*) FROM organization.memberships m2 WHERE m2.organization_id = o.id) AS member_count
FROM organizations o
JOIN memberships m ON m.organization_id = o.id
WHERE m.user_id = @user_id AND o.deleted_at IS NULL
ORDER BY o.name;

-- Merges patch into the settings and optionally replaces the tags.
-- name: UpdateOrganizationSettings :one
UPDATE organizations
SET settings = settings || @patch::jsonb,
    tags = COALESCE(sqlc.narg(tags)::text[], tags)
WHERE id = @id
RETURNING id, settings, tags, updated_at;
