-- name: ListBooks :many
-- @row BookCard
SELECT b.id, b.title, a.name AS author
FROM books b JOIN authors a ON a.id = b.author_id
ORDER BY b.id;

-- name: GetBook :one
-- @row BookCard
SELECT b.id, b.title, a.name AS author
FROM books b JOIN authors a ON a.id = b.author_id
WHERE b.id = $1;

-- name: SearchBooks :many
-- Books whose title contains the pattern.
-- @row BookCard
SELECT books.id, books.title, authors.name AS author
FROM books JOIN authors ON authors.id = books.author_id
WHERE books.title ILIKE '%' || $1 || '%'
ORDER BY books.id;

-- name: GetTitle :one
-- @row Title
SELECT title FROM books WHERE id = $1;

-- name: ListAuthors :many
-- @row Writer
SELECT id, name FROM authors ORDER BY id;

-- name: BooksWithAuthors :many
-- @row BookWithAuthor
SELECT b.id, b.title, sqlgen.embed(a) FROM books b JOIN authors a ON a.id = b.author_id ORDER BY b.id;

-- name: BookWithAuthorByID :one
-- @row BookWithAuthor
SELECT b.id, b.title, sqlgen.embed(a) FROM books b JOIN authors a ON a.id = b.author_id WHERE b.id = $1;
