-- +goose Up
CREATE TABLE authors (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE books (
  id bigint PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES authors (id),
  title text NOT NULL,
  subtitle text
);
-- +goose Down
DROP TABLE books;
DROP TABLE authors;
