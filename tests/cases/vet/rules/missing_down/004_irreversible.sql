-- sqlgen:disable=missing-down the data this drops cannot come back
-- +goose Up
DROP TABLE a;
