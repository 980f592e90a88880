-- +goose Up
CREATE TABLE a (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE a;
