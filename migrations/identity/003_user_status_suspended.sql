-- Adds the 'suspended' user status.
--
-- ALTER TYPE ... ADD VALUE is fine here because nothing in this migration (or
-- in any later migration that may run in the same transaction) uses the new
-- value: a value added inside a transaction cannot be used until that
-- transaction commits (SQLSTATE 55P04). Application code starts using it only
-- after the migration is deployed.

-- +goose Up
ALTER TYPE identity.user_status ADD VALUE IF NOT EXISTS 'suspended' AFTER 'active';

-- +goose Down
-- PostgreSQL cannot drop an enum value: recreate the type without it. Rows that
-- were suspended become disabled. The comparison goes through text so it does
-- not depend on the enum value itself.
UPDATE identity.users SET status = 'disabled' WHERE status::text = 'suspended';
CREATE TYPE identity.user_status_old AS ENUM ('pending', 'active', 'disabled');
ALTER TABLE identity.users ALTER COLUMN status DROP DEFAULT;
ALTER TABLE identity.users
    ALTER COLUMN status TYPE identity.user_status_old USING status::text::identity.user_status_old;
ALTER TABLE identity.users ALTER COLUMN status SET DEFAULT 'pending';
DROP TYPE IF EXISTS identity.user_status;
ALTER TYPE identity.user_status_old RENAME TO user_status;
