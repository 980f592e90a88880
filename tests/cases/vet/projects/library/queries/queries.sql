-- Rule 9: readers of what migration 002 drops or renames (against the final catalog they
-- are also the errors generate would report: vet reports them too).

-- name: GetAuthorLegacy :one
SELECT legacy FROM authors WHERE id = $1; -- expected-error {{column "legacy" does not exist}}

-- name: ListBookCodes :many
SELECT id, old_code FROM books ORDER BY id; -- expected-error {{column "old_code" does not exist}}

-- name: CountScratch :one
SELECT count(*) FROM scratch; -- expected-error {{relation "scratch" does not exist}}

-- name: ListLogs :many
SELECT id, msg FROM logs;

-- Rule 8: one-without-returning and unused-parameter (the analysis's findings).

-- name: InsertAuthor :one
INSERT INTO authors (id, name) VALUES ($1, $2); -- expected-error {{query "InsertAuthor" is :one but insert returns no rows: add a RETURNING clause}}

-- name: InsertAuthorReturning :one
INSERT INTO authors (id, name) VALUES ($1, $2) RETURNING id;

-- name: DeleteAuthor :exec
DELETE FROM authors WHERE id = $1;

-- name: SkipsTwo :many
SELECT id FROM authors WHERE id = $1 OR id = $3; -- expected-error {{could not determine data type of parameter $2: the query uses parameters up to $3 but never $2}}

-- Rule 6: query-naming.

-- name: CountBooksByAuthor :many
SELECT author_id, count(*) FROM books GROUP BY author_id; -- expected-warning {{query "CountBooksByAuthor" groups by "author_id": name it "CountBooksPerAuthor" ("ByAuthor" is for lookups and filters on "author_id")}}

-- name: CountBooksPerAuthor :many
SELECT author_id, count(*) FROM books GROUP BY author_id;

-- name: ListBooksByAuthor :many
SELECT id, title FROM books WHERE author_id = $1;

-- name: TitleCountsByAuthor :many
SELECT title, count(*) FROM books WHERE author_id = $1 GROUP BY title;

-- name: CountTitlesByAuthor :many
SELECT author_id, title, count(*) FROM books WHERE author_id = $1 GROUP BY author_id, title;

-- Rule 6: one-many-rows.

-- name: GetBookByAuthor :one
SELECT id, title FROM books WHERE author_id = $1; -- expected-warning {{query "GetBookByAuthor" is :one but can return several rows: no equality on a key of "books", no LIMIT 1 and no aggregate without GROUP BY bound it}}

-- A query with sqlgen.sort(name: ...) is vetted too (read as the analysis reads it).
-- name: GetFirstBookOfAuthor :one
SELECT id, title FROM books WHERE author_id = @author_id ORDER BY sqlgen.sort(by: title, id); -- expected-warning {{query "GetFirstBookOfAuthor" is :one but can return several rows: no equality on a key of "books", no LIMIT 1 and no aggregate without GROUP BY bound it}}

-- name: GetBook :one
SELECT id, title FROM books WHERE id = $1;

-- name: GetBookByIsbn :one
SELECT id, title FROM books WHERE isbn = $1;

-- name: GetAuthorByEmail :one
SELECT id FROM authors WHERE lower(name) = $2 AND email = $1;

-- name: GetBookByIdAndIsbn :one
SELECT id FROM books WHERE (id, isbn) = ($1, $2);

-- name: FirstBook :one
SELECT id, title FROM books ORDER BY id LIMIT 1;

-- name: CountBooks :one
SELECT count(*) FROM books;

-- name: GetBookWithAuthor :one
SELECT b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id WHERE b.id = $1;

-- name: GetAuthorWithBook :one
SELECT a.name, b.title FROM authors a JOIN books b ON b.author_id = a.id WHERE a.id = $1; -- expected-warning {{query "GetAuthorWithBook" is :one but can return several rows: no equality on a key of "books", no LIMIT 1 and no aggregate without GROUP BY bound it}}

-- name: RetitleBook :one
UPDATE books SET title = $2 WHERE id = $1 RETURNING id;

-- name: RetitleAuthorBooks :one
UPDATE books SET title = $2 WHERE author_id = $1 RETURNING id; -- expected-warning {{query "RetitleAuthorBooks" is :one but can return several rows: no equality on a key of "books", no LIMIT 1 and no aggregate without GROUP BY bound it}}

-- name: AnyBookOfAuthor :one
-- sqlgen:disable=one-many-rows the caller wants any one of them
SELECT id FROM books WHERE author_id = $1;

-- Rule: delete-without-where, also when every term of the WHERE is optional.

-- name: DeleteLogs :execrows
DELETE FROM logs WHERE msg = sqlgen.opt(msg); -- expected-warning {{DELETE without WHERE deletes every row of "logs"}}

-- name: DeleteLogsOfLevel :execrows
DELETE FROM logs WHERE id > @min_id AND msg = sqlgen.opt(msg);
