-- +goose Up
ALTER TABLE users ADD COLUMN nick text NOT NULL; -- expected-warning {{ADD COLUMN "nick" NOT NULL without a DEFAULT fails on a table with rows: add a DEFAULT, or add the column nullable, backfill it, then SET NOT NULL}}
ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';
ALTER TABLE users ADD COLUMN note text;
ALTER TABLE users ALTER COLUMN age SET NOT NULL; -- expected-warning {{SET NOT NULL on "age" scans "users" under an ACCESS EXCLUSIVE lock: first ADD CONSTRAINT ... CHECK ("age" IS NOT NULL) NOT VALID and VALIDATE it}}
ALTER TABLE users ADD CONSTRAINT users_note_nn CHECK (note IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_note_nn;
ALTER TABLE users ALTER COLUMN note SET NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE users ALTER COLUMN name SET NOT NULL; -- expected-warning {{SET NOT NULL on "name" scans "users" under an ACCESS EXCLUSIVE lock: first ADD CONSTRAINT ... CHECK ("name" IS NOT NULL) NOT VALID and VALIDATE it}}
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users ALTER COLUMN age TYPE numeric; -- expected-warning {{changing the type of "age" rewrites "users" under an ACCESS EXCLUSIVE lock and breaks readers of the old type: add a new column, backfill it, and switch over}}
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
ALTER TABLE users ALTER COLUMN name TYPE text;
CREATE INDEX users_name ON users (name); -- expected-warning {{CREATE INDEX on "users", a table created in an earlier migration, blocks its writes while it builds: use CREATE INDEX CONCURRENTLY in a NO TRANSACTION migration}}
-- sqlgen:disable=index-not-concurrent users is small and written once a day
CREATE INDEX users_created ON users (created);
CREATE TABLE teams (id bigint PRIMARY KEY, label text);
CREATE INDEX teams_label ON teams (label);
ALTER TABLE teams ADD COLUMN owner bigint NOT NULL;
ALTER TABLE teams ALTER COLUMN label SET NOT NULL;

-- +goose Down
DROP TABLE teams;
