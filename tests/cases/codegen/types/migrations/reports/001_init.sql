-- +goose Up
CREATE SCHEMA reports;

CREATE TABLE reports.entries (
    id         bigserial PRIMARY KEY,
    person_id  integer NOT NULL REFERENCES app.people (id),
    mood       app.mood NOT NULL,
    note       text,
    created_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE reports.entries IS 'Mood log entries; renamed to LogEntry.';

-- +goose Down
DROP TABLE reports.entries;
DROP SCHEMA reports;
