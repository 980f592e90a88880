-- +goose Up
CREATE INDEX CONCURRENTLY accounts_email_2 ON accounts (email); -- expected-error {{CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and the runner runs migration "002_in_transaction.sql" in one (SQLSTATE 25001)}}
DROP INDEX CONCURRENTLY accounts_email; -- expected-error {{DROP INDEX CONCURRENTLY cannot run inside a transaction block, and the runner runs migration "002_in_transaction.sql" in one (SQLSTATE 25001)}}
REINDEX (VERBOSE) TABLE CONCURRENTLY accounts; -- expected-error {{REINDEX CONCURRENTLY cannot run inside a transaction block, and the runner runs migration "002_in_transaction.sql" in one (SQLSTATE 25001)}}
VACUUM accounts; -- expected-error {{VACUUM cannot run inside a transaction block, and the runner runs migration "002_in_transaction.sql" in one (SQLSTATE 25001)}}
ALTER SYSTEM SET work_mem = '8MB'; -- expected-error {{ALTER SYSTEM cannot run inside a transaction block, and the runner runs migration "002_in_transaction.sql" in one (SQLSTATE 25001)}}
-- Fine in a transaction.
ANALYZE accounts;
CREATE INDEX accounts_id_email ON accounts (id, email); -- expected-warning {{CREATE INDEX on "accounts", a table created in an earlier migration, blocks its writes while it builds: use CREATE INDEX CONCURRENTLY in a NO TRANSACTION migration}}
REINDEX TABLE accounts;

-- +goose Down
SELECT 1;
