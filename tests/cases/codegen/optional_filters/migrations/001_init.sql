-- +goose Up
CREATE TABLE tasks (
  id bigint PRIMARY KEY,
  team text NOT NULL,
  title text NOT NULL,
  priority integer NOT NULL,
  done boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE TABLE tags (
  task_id bigint NOT NULL REFERENCES tasks (id),
  tag text NOT NULL
);
-- +goose Down
DROP TABLE tags;
DROP TABLE tasks;
