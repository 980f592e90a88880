-- Positional and named parameters mixed: named ones take the lowest free numbers.
-- name: MixedPositionalFirst :many
SELECT id, title FROM tickets WHERE project_id = $1 AND title = sqlc.arg(title);

-- name: MixedNamedFirst :many
SELECT id, title FROM tickets WHERE project_id = @project_id ORDER BY id LIMIT $1;

-- name: MixedGap :many
SELECT id FROM tickets WHERE project_id = $2 AND state = @state AND title <> @title;

-- Parameter names as sqlc derives them.
-- name: NamesFromColumns :many
SELECT id FROM tickets
WHERE project_id = $1 AND $2 < opened_at AND lower(title) = $3 AND id IN ($4, $5)
  AND closed_at BETWEEN $6 AND $7
LIMIT $8 OFFSET $9;

-- name: NamesFromInsert :exec
INSERT INTO tickets (id, project_id, title) VALUES ($1, $2, $3);

-- name: NamesFromInsertWithoutColumnList :exec
INSERT INTO projects VALUES ($1, $2, $3);

-- name: NamesFromUpdate :execrows
UPDATE tickets SET title = $2, closed_at = $3 WHERE id = $1;

-- name: NamesFromFunctionArgs :many
SELECT id FROM tickets_of($1, max_rows => $2);

-- name: NamesFromFunctionName :many
SELECT id FROM tickets WHERE title = upper($1);

-- name: NamesCollide :many
SELECT id FROM tickets WHERE opened_at > $1 AND opened_at < $2;

-- name: NamedAfterOperators :many
SELECT id FROM tickets
WHERE meta @> @filter AND title || @suffix <> '' AND id = ANY(@ids::bigint[])
  AND labels && @labels::text[];

-- Row constructors.
-- name: RowCompareKeyset :many
SELECT id, opened_at FROM tickets
WHERE (opened_at, id) < (@after_time, @after_id::bigint)
ORDER BY opened_at DESC, id DESC;

-- name: RowInSubquery :many
SELECT id FROM tickets
WHERE (project_id, title) IN (SELECT unnest(@project_ids::bigint[]), unnest(@titles::text[]));

-- name: RowInList :many
SELECT id FROM tickets WHERE (project_id, state) IN (($1, 'open'), ($2, 'closed'));

-- name: RowNotDistinct :many
SELECT id FROM tickets WHERE ROW(project_id, closed_at) IS NOT DISTINCT FROM ROW($1, $2);

-- name: RowEqualsSubquery :many
SELECT id FROM tickets WHERE (project_id, title) = (SELECT id, name FROM projects WHERE id = $1);

-- name: RowAnySubquery :many
SELECT id FROM tickets WHERE (id, project_id) = ANY (SELECT id, project_id FROM tickets WHERE title = $1);

-- Empty and typed array literals.
-- name: EmptyArrays :many
SELECT id, COALESCE(labels, ARRAY[]::text[]) AS labels,
       COALESCE(labels, '{}'::text[]) AS labels2,
       CASE WHEN labels IS NULL THEN ARRAY[]::text[] ELSE labels END AS labels3,
       ARRAY[[1, 2], [3, 4]]::int8[] AS grid,
       ARRAY[$1, $2]::varchar[] AS pair
FROM tickets;

-- A CTE read from a subquery in FROM.
-- name: CteInSubquery :one
WITH first AS (SELECT id FROM tickets ORDER BY id LIMIT 1),
     last AS (SELECT id FROM tickets ORDER BY id DESC LIMIT 1)
SELECT COALESCE(MIN(id), 0)::bigint AS min_id
FROM (SELECT id FROM first UNION ALL SELECT id FROM last) AS ends;

-- Views, materialized views and CREATE TABLE AS have their columns.
-- name: FromView :many
SELECT ot.id, ot.title, ot.labels, ot.project FROM open_tickets ot WHERE ot.id = $1;

-- name: FromMatView :many
SELECT project_id, open_count FROM ticket_counts;

-- name: FromTableAs :many
SELECT id, title, closed_at FROM ticket_archive;

-- Utility statements under a name.
-- name: TruncateArchive :exec
TRUNCATE ticket_archive;

-- name: CloseTicket :exec
CALL close_ticket($1, $2);

-- name: RefreshCounts :exec
REFRESH MATERIALIZED VIEW CONCURRENTLY ticket_counts;

-- name: AnalyzeTickets :exec
ANALYZE tickets;

-- name: LockTickets :exec
LOCK TABLE tickets IN SHARE MODE;

-- name: NotifyChange :exec
NOTIFY ticket_changes, 'changed';

-- name: Listen :exec
LISTEN ticket_changes;

-- name: SetTimeout :exec
SET statement_timeout = '5s';

-- name: DoBlock :exec
DO $$ BEGIN PERFORM 1; END $$;

-- Statements without a name are skipped, as sqlc does.
CREATE TABLE not_a_query (id int);

-- @param project the project to look at (documentation, not an annotation)
-- name: DocumentedWithAtWords :many
SELECT id FROM tickets WHERE project_id = $1;

-- A parameter typed by its first use is coerced by later ones (int4, then LIMIT's int8).
-- name: LimitAfterComparison :many
SELECT id FROM tickets WHERE @max_rows::int >= 0 ORDER BY id LIMIT @max_rows;

-- A later cast of a typed parameter converts its value.
-- name: CastTwice :many
SELECT id FROM tickets
WHERE (sqlc.narg('ticket')::text IS NULL OR id = sqlc.narg('ticket')::bigint);

-- A qualified name glued to the word before it keeps that word apart.
-- name: CastGlued :many
SELECT id FROM tickets WHERE state = ANY(cast(@states::text[] as"ticket_state"[]));

-- Integer literals beyond int4 are bigint up to int8's limits, numeric past them.
-- name: BigLiterals :one
SELECT 9223372036854775807 AS largest, 9223372036854775808 AS past_largest,
       -9223372036854775808 AS smallest, -9223372036854775809 AS past_smallest,
       1000000000000000000 AS e18, 00000000000000000000001 AS padded,
       COALESCE(sqlc.narg('below'), 9223372036854775807) AS below;

-- sqlc.slice inside IN (...), as sqlc's MySQL-style examples write it: one array parameter,
-- sent as = ANY($n) (NOT IN as <> ALL($n)).
-- name: TicketsInSlice :many
SELECT id FROM tickets
WHERE id IN (sqlc.slice('ids')/*SLICE:ids*/) AND project_id NOT IN ( sqlc.slice(skip) );

-- name: RetitleIfUnchanged :exec
-- PostgreSQL types an UPDATE's WHERE before its SET list: @title is text (from `title = @title`),
-- not the column's varchar(200).
UPDATE tickets SET title = @title WHERE id = @id AND (title = @title OR closed_at IS NULL);
