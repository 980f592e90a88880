-- +goose Up
CREATE SCHEMA IF NOT EXISTS notes;

CREATE TABLE notes.notes (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title      text        NOT NULL,
    body       text,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE notes.notes;
DROP SCHEMA notes;
