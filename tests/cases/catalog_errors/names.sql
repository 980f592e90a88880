-- Unknown names get PostgreSQL's message plus the closest candidate.
CREATE SCHEMA billing;
CREATE TYPE billing.invoice_status AS ENUM ('draft', 'paid');
CREATE TABLE billing.accounts (id bigint PRIMARY KEY, owner text NOT NULL);
CREATE TABLE billng.invoices (id int); -- expected-error {{schema "billng" does not exist, did you mean "billing"?}}
CREATE TABLE billing.invoices (
  id bigint PRIMARY KEY,
  status billing.invoice_stauts NOT NULL, -- expected-error {{type "billing.invoice_stauts" does not exist, did you mean "invoice_status"?}}
  account_id bigint
);
ALTER TABLE billing.acounts ADD COLUMN x int; -- expected-error {{relation "billing.acounts" does not exist, did you mean "accounts"?}}
ALTER TABLE billing.accounts ALTER COLUMN ownr SET NOT NULL; -- expected-error {{column "ownr" of relation "accounts" does not exist, did you mean "owner"?}}
ALTER TABLE billing.accounts DROP CONSTRAINT nope; -- expected-error {{constraint "nope" of relation "accounts" does not exist}}
ALTER TYPE billing.invoice_status ADD VALUE 'draft'; -- expected-error {{enum label "draft" already exists}}
ALTER TYPE billing.invoice_status ADD VALUE 'void' AFTER 'sent'; -- expected-error {{"sent" is not an existing enum label}}
CREATE TABLE t (n numeric(1001)); -- expected-error {{NUMERIC precision 1001 must be between 1 and 1000}}
CREATE TABLE u (s billing.invoice_status(3)); -- expected-error {{type modifier is not allowed for type "billing.invoice_status"}}
