-- +goose Up
CREATE TABLE c (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE c;
