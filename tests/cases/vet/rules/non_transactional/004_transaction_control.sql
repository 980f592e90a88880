-- +goose Up
COMMIT; -- expected-warning {{"COMMIT" written in a migration the runner runs in a transaction: the runner opens and commits it, and the statements after a COMMIT run outside it}}
BEGIN; -- expected-warning {{"BEGIN" written in a migration the runner runs in a transaction: the runner opens and commits it, and the statements after a COMMIT run outside it}}
CREATE TABLE notes (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE notes;
