-- Invoices still waiting for payment, with the organization they bill.

-- +goose Up
CREATE VIEW billing.open_invoices AS
SELECT i.id,
       i.number,
       i.account_id,
       a.organization_id,
       o.name AS organization_name,
       i.total_cents,
       i.issued_at,
       i.due_at,
       i.due_at IS NOT NULL AND i.due_at < now() AS overdue
FROM billing.invoices i
JOIN billing.accounts a ON a.id = i.account_id
JOIN organization.organizations o ON o.id = a.organization_id
WHERE i.status = 'open';

COMMENT ON VIEW billing.open_invoices IS 'Open invoices; overdue is computed at query time.';

-- +goose Down
DROP VIEW IF EXISTS billing.open_invoices;
