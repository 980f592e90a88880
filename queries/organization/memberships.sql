-- Members of an organization, owners first.
-- name: ListMembers :many
SELECT sqlc.embed(u), m.role, m.joined_at
FROM organization.memberships m
JOIN identity.users u ON u.id = m.user_id
WHERE m.organization_id = @organization_id
ORDER BY CASE m.role
             WHEN 'owner' THEN 0
             WHEN 'admin' THEN 1
             WHEN 'member' THEN 2
             ELSE 3
         END,
         u.email;

-- name: UpsertMembership :batchexec
INSERT INTO memberships (organization_id, user_id, role)
VALUES (@organization_id, @user_id, @role)
ON CONFLICT (organization_id, user_id) DO UPDATE
SET role = excluded.role;

-- name: ListMemberIDsByRole :batchmany
SELECT user_id
FROM memberships
WHERE organization_id = @organization_id AND role = @role;
