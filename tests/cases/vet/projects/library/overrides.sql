-- A plain schema file (listed after the migrations, as sqlc lists schema files): the
-- migration runner does not run it, so the rules on changes to existing tables stay quiet.
ALTER TABLE books ADD COLUMN flagged boolean NOT NULL;
CREATE INDEX books_title ON books (title);
