-- name: CreateInvitation :one
INSERT INTO organization.invitations (organization_id, email, role, invited_by)
VALUES (@organization_id, @email, @role, sqlc.narg(invited_by))
RETURNING *;

-- Accepts an open invitation for the user registered with its email.
-- name: AcceptInvitation :one
UPDATE organization.invitations i
SET accepted_at = now()
FROM identity.users u
WHERE i.token = @token
  AND i.accepted_at IS NULL
  AND i.expires_at > now()
  AND u.email = i.email
RETURNING i.organization_id, i.role, u.id AS user_id;

-- Open invitations with who sent them (NULL once the inviter is deleted).
-- name: ListPendingInvitations :many
SELECT i.id, i.email, i.role, i.expires_at, sqlc.embed(inviter)
FROM invitations i
LEFT JOIN identity.users inviter ON inviter.id = i.invited_by
WHERE i.organization_id = @organization_id AND i.accepted_at IS NULL
ORDER BY i.created_at DESC;
