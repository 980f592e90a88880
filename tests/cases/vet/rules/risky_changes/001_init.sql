-- +goose Up
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name varchar(50), age int);
-- The table is new: it has no rows and no readers, so nothing below fires.
ALTER TABLE users ADD COLUMN created date NOT NULL;
CREATE INDEX users_email ON users (email);
ALTER TABLE users ALTER COLUMN age TYPE bigint;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;

-- +goose Down
DROP TABLE users;
