-- +goose Up
-- A column whose type is another table's row type: the other table's model struct.
CREATE TABLE app.snapshots (
    id       serial PRIMARY KEY,
    person   app.people NOT NULL,
    previous app.people
);

-- +goose Down
DROP TABLE app.snapshots;
