-- name: OpenAccount :exec
INSERT INTO accounts (id, owner, balance) VALUES (@id, @owner, @balance);

-- name: GetBalance :one
SELECT balance FROM accounts WHERE id = @id;

-- name: SetBalance :exec
UPDATE accounts SET balance = @balance WHERE id = @id;

-- name: ListAccounts :many
SELECT * FROM accounts ORDER BY id;

-- The isolation level of the running transaction.
-- name: TransactionIsolation :one
SELECT current_setting('transaction_isolation') AS level;

-- name: RaiseSqlstate :exec
SELECT bank.raise_sqlstate(@code);
