-- +goose Up
CREATE TABLE ai.u (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE ai.u;
