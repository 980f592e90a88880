-- name: GetUserByID :one
SELECT * FROM identity.users WHERE id = @id;

-- Looks a user up by login email; citext makes the match case-insensitive.
-- name: GetUserByEmail :one
SELECT id, email, display_name, status, password_hash
FROM users
WHERE email = @email;

-- One column: the :one returns the id itself (std::optional: there may be no such user).
-- name: GetUserIdByEmail :one
SELECT id FROM users WHERE email = @email;

-- Registers a user; display name and password hash are optional (SSO users
-- have no password).
-- name: CreateUser :one
INSERT INTO identity.users (email, display_name, status, password_hash)
VALUES (@email, sqlc.narg(display_name), @status, sqlc.narg(password_hash))
RETURNING *;

-- What a user changes on their profile (updated_at is set by the table's trigger).
-- name: UpdateUserProfile :one
UPDATE identity.users
SET display_name = sqlc.narg(display_name),
    status = @status,
    password_hash = sqlc.narg(password_hash),
    last_login_at = sqlc.narg(last_login_at)
WHERE id = @id
RETURNING *;

-- Creates the user or refreshes its display name; inserted tells which.
-- name: UpsertUserByEmail :one
INSERT INTO users AS u (email, display_name)
VALUES (@email, @display_name)
ON CONFLICT (email) DO UPDATE
SET display_name = COALESCE(excluded.display_name, u.display_name)
RETURNING u.id, u.email, u.display_name, (u.xmax = 0) AS inserted;

-- name: GetUsersByIDs :many
SELECT id, email, display_name, status
FROM identity.users
WHERE id = ANY(sqlc.slice(ids))
ORDER BY email;

-- Active users belonging to at least one live organization carrying the tag.
-- name: ListActiveUsersInTaggedOrganizations :many
SELECT u.id, u.email, u.display_name
FROM identity.users u
WHERE u.status = 'active'
  AND u.id IN (
    SELECT m.user_id
    FROM organization.memberships m
    JOIN organization.organizations o ON o.id = m.organization_id
    WHERE @tag::text = ANY(o.tags) AND o.deleted_at IS NULL
  )
ORDER BY u.email;
