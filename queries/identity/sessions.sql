-- Issues a session valid for the given time to live.
-- name: CreateSession :one
INSERT INTO sessions (user_id, token_hash, user_agent, ip_address, expires_at)
VALUES (@user_id, @token_hash, sqlc.narg(user_agent), sqlc.narg(ip_address), now() + @ttl::interval)
RETURNING id, created_at, expires_at;

-- The signed-in user of a live session, with the session's expiry.
-- name: GetActiveSessionByTokenHash :one
SELECT sqlc.embed(u), s.id AS session_id, s.expires_at
FROM identity.sessions s
JOIN identity.users u ON u.id = s.user_id
WHERE s.token_hash = @token_hash
  AND s.revoked_at IS NULL
  AND s.expires_at > now()
  AND u.status = 'active';

-- The most recent session of each given user.
-- name: LatestSessionPerUser :many
SELECT DISTINCT ON (s.user_id) s.user_id, s.id, s.created_at, s.ip_address, s.user_agent
FROM identity.sessions s
WHERE s.user_id = ANY(@user_ids::uuid[])
ORDER BY s.user_id, s.created_at DESC;

-- Removes sessions that expired or were revoked longer ago than age.
-- name: DeleteStaleSessions :execresult
DELETE FROM sessions
WHERE expires_at < now() - @age::interval
   OR revoked_at < now() - @age::interval;

-- name: DeleteSessionsOfBlockedUsers :execrows
DELETE FROM identity.sessions s
USING identity.users u
WHERE u.id = s.user_id AND u.status IN ('disabled', 'suspended');
