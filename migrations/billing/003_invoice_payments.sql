-- Tracks when invoices are paid and tightens account data.

-- +goose Up
ALTER TABLE billing.invoices ADD COLUMN paid_at timestamptz;
ALTER TABLE billing.invoices ADD COLUMN payment_reference varchar(64);

ALTER TABLE billing.invoices
    ADD CONSTRAINT invoices_paid_at_check CHECK (status <> 'paid' OR paid_at IS NOT NULL);

ALTER TABLE billing.accounts RENAME COLUMN billing_email TO invoice_email;

-- Every account needs somewhere to send invoices: backfill from the owner.
UPDATE billing.accounts a
SET invoice_email = u.email
FROM organization.organizations o
JOIN identity.users u ON u.id = o.owner_id
WHERE o.id = a.organization_id AND a.invoice_email IS NULL;

-- SET NOT NULL without a full scan under an ACCESS EXCLUSIVE lock: a validated CHECK proves it
-- first (VALIDATE takes a lighter lock), then goes.
ALTER TABLE billing.accounts
    ADD CONSTRAINT accounts_invoice_email_not_null CHECK (invoice_email IS NOT NULL) NOT VALID;
ALTER TABLE billing.accounts VALIDATE CONSTRAINT accounts_invoice_email_not_null;
ALTER TABLE billing.accounts ALTER COLUMN invoice_email SET NOT NULL;
ALTER TABLE billing.accounts DROP CONSTRAINT accounts_invoice_email_not_null;

-- sqlgen:disable=index-not-concurrent deployed with the column it indexes, which is NULL in every row until now, so the partial index starts empty
CREATE INDEX invoices_paid_at_idx ON billing.invoices (paid_at) WHERE paid_at IS NOT NULL;

COMMENT ON COLUMN billing.invoices.paid_at IS 'When the invoice was paid; required once status is paid.';
COMMENT ON COLUMN billing.accounts.invoice_email IS 'Where invoices are sent.';

-- +goose Down
DROP INDEX IF EXISTS billing.invoices_paid_at_idx;
ALTER TABLE billing.accounts ALTER COLUMN invoice_email DROP NOT NULL;
ALTER TABLE billing.accounts RENAME COLUMN invoice_email TO billing_email;
ALTER TABLE billing.invoices DROP CONSTRAINT IF EXISTS invoices_paid_at_check;
ALTER TABLE billing.invoices DROP COLUMN IF EXISTS payment_reference;
ALTER TABLE billing.invoices DROP COLUMN IF EXISTS paid_at;
