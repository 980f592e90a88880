-- name: ListTasks :many
-- Open tasks, filtered by whichever of team, minimum priority and title text are given.
-- @optional team min_priority
SELECT id, team, title, priority
FROM tasks
WHERE team = @team
  AND priority >= @min_priority
  AND title LIKE '%' || sqlgen.opt(search) || '%'
  AND NOT done
ORDER BY sqlgen.sort(order_by: priority, title, created_at), id;

-- name: TeamCounts :many
-- Optional parameters in a JOIN ON, a parenthesized AND (left out whole when both are empty)
-- and HAVING: four of them, 16 variants.
-- @optional tag
SELECT t.team, count(*) AS tasks, count(g.tag) AS tagged
FROM tasks t LEFT JOIN tags g ON g.task_id = t.id AND g.tag = @tag
WHERE (t.done = sqlgen.opt(done) AND t.priority >= sqlgen.opt(min_priority))
GROUP BY t.team
HAVING count(*) >= sqlgen.opt(min_tasks)
ORDER BY t.team;

-- name: CloseTasks :execrows
UPDATE tasks SET done = true
WHERE team = @team AND priority <= sqlgen.opt(max_priority);

-- name: TaskTitles :many
-- A sort alone, on a qualified column and an output column name.
SELECT t.id, upper(t.title) AS loud
FROM tasks t
ORDER BY sqlgen.sort(by: t.created_at, loud), t.id;

-- name: TasksByIds :many
-- An optional list (a slice): every task when it is empty.
-- @optional ids
SELECT id FROM tasks WHERE id IN (sqlgen.slice(ids)) ORDER BY id;
