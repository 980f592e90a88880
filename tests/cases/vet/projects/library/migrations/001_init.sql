-- +goose Up
CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL, bio text, legacy text, email text UNIQUE);
CREATE TABLE books (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES authors, title text NOT NULL, isbn text NOT NULL, old_code text);
CREATE UNIQUE INDEX books_isbn ON books (isbn);
CREATE TABLE scratch (id bigint PRIMARY KEY);
CREATE TABLE logs (id bigint PRIMARY KEY, msg text);

-- +goose Down
DROP TABLE logs;
DROP TABLE scratch;
DROP TABLE books;
DROP TABLE authors;
