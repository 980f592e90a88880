-- +goose Up
CREATE SCHEMA billing;
CREATE TABLE billing.billing_accounts (id bigint PRIMARY KEY); -- expected-warning {{table "billing.billing_accounts" repeats its schema's name: call it "billing.accounts"}}
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, account bigint NOT NULL, total numeric NOT NULL);
CREATE TABLE billing.billingx (id bigint PRIMARY KEY);

CREATE VIEW billing.invoice_list AS SELECT * FROM billing.invoices; -- expected-warning {{"*" in the definition of view "invoice_list" is expanded once, at CREATE: columns added to "invoices" later are not in the view}}
CREATE VIEW billing.invoice_totals AS SELECT i.*, 1 AS one FROM billing.invoices i; -- expected-warning {{"*" in the definition of view "invoice_totals" is expanded once, at CREATE: columns added to "i" later are not in the view}}
CREATE VIEW billing.invoice_ids AS SELECT id, count(*) AS n FROM billing.invoices GROUP BY id;
CREATE VIEW billing.checked AS SELECT * FROM billing.invoices; -- sqlgen:disable=select-star-in-view the view is recreated by every migration that changes invoices
CREATE VIEW billing.unreasoned AS SELECT * FROM billing.invoices; -- sqlgen:disable=select-star-in-view
-- expected-error@-1 {{"sqlgen:disable=select-star-in-view" needs a reason after the rule id}}
-- expected-warning@-2 {{"*" in the definition of view "unreasoned" is expanded once, at CREATE: columns added to "invoices" later are not in the view}}

-- +goose Down
DROP SCHEMA billing CASCADE;
