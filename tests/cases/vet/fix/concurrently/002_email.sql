-- +goose Up
ALTER TABLE accounts ADD COLUMN verified boolean NOT NULL DEFAULT false;
CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);
COMMENT ON COLUMN accounts.verified IS 'set by the mailer';

-- +goose Down
DROP INDEX accounts_email;
ALTER TABLE accounts DROP COLUMN verified;
