-- Audit module: an append-only log of who did what.

-- +goose Up
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TYPE audit.actor AS (
    user_id    uuid,
    ip_address inet,
    user_agent text
);

CREATE TABLE audit.events (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz  NOT NULL DEFAULT now(),
    actor           audit.actor,
    organization_id uuid         REFERENCES organization.organizations (id) ON DELETE SET NULL,
    action          varchar(100) NOT NULL,
    target_table    text,
    target_id       text,
    payload         jsonb        NOT NULL DEFAULT '{}'::jsonb,
    tags            text[]       NOT NULL DEFAULT '{}'
);

CREATE INDEX events_occurred_at_idx ON audit.events USING brin (occurred_at);
CREATE INDEX events_organization_id_idx ON audit.events (organization_id, occurred_at DESC);
CREATE INDEX events_payload_idx ON audit.events USING gin (payload jsonb_path_ops);

COMMENT ON TYPE audit.actor IS 'Who performed an action; user_id is NULL for system actions.';
COMMENT ON TABLE audit.events IS 'Append-only audit log.';
COMMENT ON COLUMN audit.events.actor IS 'NULL when the action was performed by the system itself.';

-- +goose Down
DROP INDEX IF EXISTS audit.events_payload_idx;
DROP INDEX IF EXISTS audit.events_organization_id_idx;
DROP INDEX IF EXISTS audit.events_occurred_at_idx;
DROP TABLE IF EXISTS audit.events;
DROP TYPE IF EXISTS audit.actor;
DROP SCHEMA IF EXISTS audit;
