-- Optional parameters and sorts sqlgen refuses (schema: tests/cases/codegen/optional_filters).

-- name: OptionalInOr :many
-- @optional team
SELECT id FROM tasks WHERE done OR team = @team; -- expected-error {{optional parameter "team" is used inside an OR: only an AND term of a WHERE, HAVING or JOIN ON condition can be left out when it is empty}}

-- name: OptionalInSelectList :many
SELECT id, sqlgen.opt(label)::text AS label FROM tasks; -- expected-error {{optional parameter "label" is used outside a WHERE, HAVING or JOIN ON condition: only an AND term of a WHERE, HAVING or JOIN ON condition can be left out when it is empty}}

-- name: OptionalInLimit :many
SELECT id FROM tasks ORDER BY id LIMIT sqlgen.opt(n); -- expected-error {{optional parameter "n" is used outside a WHERE, HAVING or JOIN ON condition: only an AND term of a WHERE, HAVING or JOIN ON condition can be left out when it is empty}}

-- name: OptionalInValues :exec
INSERT INTO tags (task_id, tag) VALUES (1, sqlgen.opt(tag)); -- expected-error {{optional parameter "tag" is used outside a WHERE, HAVING or JOIN ON condition: only an AND term of a WHERE, HAVING or JOIN ON condition can be left out when it is empty}}

-- name: OptionalWholeShortJoinOn :many
-- @optional a
SELECT t.id FROM tasks t JOIN tags g ON @a; -- expected-error {{optional parameter "a" is used as a whole JOIN ON condition two characters long (too short to be replaced by a true condition when it is empty: give it a longer name): only an AND term of a WHERE, HAVING or JOIN ON condition can be left out when it is empty}}

-- name: OptionalSharesTerm :many
SELECT id FROM tasks WHERE priority BETWEEN sqlgen.opt(lo) AND @hi; -- expected-error {{parameter "hi" is in the condition left out when optional parameter "lo" is empty: give each optional parameter an AND term of its own}}

-- expected-error@+1 {{query "TooManyOptionals" has 5 optional parameters, at most 4 (16 SQL variants): make the others sqlgen.narg(e) with "sqlgen.narg(e) IS NULL OR ..."}}
-- name: TooManyOptionals :many
-- @optional a b c d e
SELECT id FROM tasks
WHERE id = @a AND team = @b AND title = @c AND priority = @d AND done = @e;

-- name: OptionalUnknown :many
-- expected-error@+1 {{"@optional nosuch" names no named parameter of query "OptionalUnknown"}}
-- @optional nosuch
SELECT id FROM tasks WHERE id = @id;

-- name: OptionalWithPositional :many
SELECT id FROM tasks WHERE id = $1 AND team = sqlgen.opt(team); -- expected-error {{optional parameter "team" cannot share a query with positional parameters such as $1: name them (@name)}}

-- name: SortUnknownColumn :many
SELECT id FROM tasks ORDER BY sqlgen.sort(s: priority, nosuch); -- expected-error {{column "nosuch" does not exist (in query "SortUnknownColumn" sorted by "nosuch" ascending)}}

-- name: SortNotGrouped :many
SELECT team, count(*) AS n FROM tasks GROUP BY team
ORDER BY sqlgen.sort(s: team, n, priority); -- expected-error {{column "tasks.priority" must appear in the GROUP BY clause or be used in an aggregate function (in query "SortNotGrouped" sorted by "priority" ascending)}}

-- name: SortWithDirection :many
SELECT id FROM tasks ORDER BY sqlgen.sort(s: id, title) DESC; -- expected-error {{the direction is a parameter of the generated function, not SQL: expected a whole ORDER BY item "sqlgen.sort(name: column, ...)"}}

-- name: SortOutsideOrderBy :many
SELECT id FROM tasks WHERE sqlgen.sort(s: id, title) > 0; -- expected-error {{sqlgen.sort() outside ORDER BY: expected a whole ORDER BY item "sqlgen.sort(name: column, ...)"}}

-- name: SortColumnTwice :many
SELECT id FROM tasks ORDER BY sqlgen.sort(s: id, title, id); -- expected-error {{column "id" is listed twice: expected a whole ORDER BY item "sqlgen.sort(name: column, ...)"}}
