-- Default constraint names longer than 63 bytes are cut as PostgreSQL's makeObjectName cuts
-- them; later migrations drop them by the cut name.
CREATE TABLE customer_subscriptions (id bigint PRIMARY KEY);
CREATE TABLE customer_subscription_billing_addresses (
    customer_subscription_id bigint NOT NULL REFERENCES customer_subscriptions (id),
    billing_address_line_number int NOT NULL,
    UNIQUE (customer_subscription_id, billing_address_line_number)
);
