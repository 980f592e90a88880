-- +goose Up
ALTER TABLE authors DROP COLUMN legacy; -- expected-error {{migration "002_changes.sql" drops column "legacy" of "authors", which query "GetAuthorLegacy" still reads: change the query first, and drop it in a later release}}
-- No query reads bio.
ALTER TABLE authors DROP COLUMN bio;
ALTER TABLE books RENAME COLUMN old_code TO code; -- expected-warning {{renaming column "old_code" of "books" breaks query "ListBookCodes", which reads it: add the new column beside the old one and switch the query first}}
DROP TABLE scratch; -- expected-error {{migration "002_changes.sql" drops "scratch", which query "CountScratch" still reads: change the query first, and drop it in a later release}}
-- Rebuilt in the same migration: the queries read the new table.
DROP TABLE logs;
CREATE TABLE logs (id bigint PRIMARY KEY, msg text, level int);

-- +goose Down
SELECT 1;
