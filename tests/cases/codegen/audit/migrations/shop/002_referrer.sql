-- +goose Up
ALTER TABLE shop.customers ADD COLUMN referrer text;

-- +goose Down
ALTER TABLE shop.customers DROP COLUMN referrer;
