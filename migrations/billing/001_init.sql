-- Billing module: accounts, invoices and their lines.

-- +goose Up
CREATE SCHEMA IF NOT EXISTS billing;

CREATE DOMAIN billing.money_cents AS bigint
    CONSTRAINT money_cents_non_negative CHECK (VALUE >= 0);

CREATE TYPE billing.invoice_status AS ENUM ('draft', 'open', 'paid', 'void', 'uncollectible');

CREATE TABLE billing.accounts (
    id              uuid                PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid                NOT NULL REFERENCES organization.organizations (id) ON DELETE RESTRICT,
    billing_email   public.citext,
    currency        char(3)             NOT NULL DEFAULT 'USD',
    credit_balance  billing.money_cents NOT NULL DEFAULT 0,
    tax_rate        numeric(5,4)        NOT NULL DEFAULT 0,
    created_at      timestamptz         NOT NULL DEFAULT now(),
    updated_at      timestamptz         NOT NULL DEFAULT now(),
    CONSTRAINT accounts_organization_id_key UNIQUE (organization_id),
    CONSTRAINT accounts_currency_check CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE TRIGGER accounts_set_updated_at
    BEFORE UPDATE ON billing.accounts
    FOR EACH ROW EXECUTE FUNCTION identity.set_updated_at();

CREATE TABLE billing.invoices (
    id          uuid                   PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id  uuid                   NOT NULL REFERENCES billing.accounts (id) ON DELETE RESTRICT,
    number      bigserial              NOT NULL,
    status      billing.invoice_status NOT NULL DEFAULT 'draft',
    total_cents billing.money_cents    NOT NULL DEFAULT 0,
    issued_at   timestamptz,
    due_at      timestamptz,
    metadata    jsonb                  NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz            NOT NULL DEFAULT now(),
    CONSTRAINT invoices_number_key UNIQUE (number),
    CONSTRAINT invoices_due_after_issue_check CHECK (due_at IS NULL OR issued_at IS NULL OR due_at >= issued_at)
);

CREATE INDEX invoices_account_id_status_idx ON billing.invoices (account_id, status);

CREATE TABLE billing.invoice_lines (
    id          bigserial     PRIMARY KEY,
    invoice_id  uuid          NOT NULL REFERENCES billing.invoices (id) ON DELETE CASCADE,
    position    integer       NOT NULL,
    description varchar(500)  NOT NULL,
    quantity    integer       NOT NULL DEFAULT 1,
    unit_price  numeric(12,2) NOT NULL,
    amount      numeric(12,2) GENERATED ALWAYS AS (quantity * unit_price) STORED,
    tax_codes   text[],
    CONSTRAINT invoice_lines_quantity_check CHECK (quantity > 0),
    CONSTRAINT invoice_lines_invoice_id_position_key UNIQUE (invoice_id, position)
);

COMMENT ON DOMAIN billing.money_cents IS 'An amount of money in the smallest currency unit, never negative.';
COMMENT ON TABLE billing.accounts IS 'One billing account per organization.';
COMMENT ON TABLE billing.invoices IS 'Invoices issued to billing accounts.';
COMMENT ON COLUMN billing.invoices.number IS 'Human-facing sequential invoice number.';
COMMENT ON TABLE billing.invoice_lines IS 'Line items of an invoice.';
COMMENT ON COLUMN billing.invoice_lines.amount IS 'quantity * unit_price, computed by the database.';

-- +goose Down
DROP TABLE IF EXISTS billing.invoice_lines;
DROP INDEX IF EXISTS billing.invoices_account_id_status_idx;
DROP TABLE IF EXISTS billing.invoices;
DROP TRIGGER IF EXISTS accounts_set_updated_at ON billing.accounts;
DROP TABLE IF EXISTS billing.accounts;
DROP TYPE IF EXISTS billing.invoice_status;
DROP DOMAIN IF EXISTS billing.money_cents;
DROP SCHEMA IF EXISTS billing;
