-- name: DeleteAll :exec
DELETE FROM accounts; -- expected-warning {{DELETE without WHERE deletes every row of "accounts"}}

-- name: DeleteOne :exec
DELETE FROM accounts WHERE id = $1;

-- name: UpdateAll :exec
UPDATE accounts SET email = lower(email); -- expected-warning {{UPDATE without WHERE updates every row of "accounts"}}

-- name: UpdateOne :exec
UPDATE accounts SET email = $2 WHERE id = $1;

-- name: Truncate :exec
-- sqlgen:disable=delete-without-where the nightly reset empties the table on purpose
DELETE FROM public.accounts;

-- name: ResetAll :exec
WITH gone AS (DELETE FROM accounts RETURNING id) SELECT count(*) FROM gone;
