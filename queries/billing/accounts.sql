-- Creates the organization's billing account or updates its settings.
-- name: UpsertAccount :one
INSERT INTO billing.accounts (organization_id, invoice_email, currency, tax_rate)
VALUES (@organization_id, @invoice_email, @currency, @tax_rate)
ON CONFLICT ON CONSTRAINT accounts_organization_id_key DO UPDATE
SET invoice_email = excluded.invoice_email,
    currency = excluded.currency,
    tax_rate = excluded.tax_rate
RETURNING *;

-- Per-account invoice statistics; accounts without invoices count as zero.
-- name: AccountBillingSummary :many
SELECT a.id AS account_id,
       a.currency,
       count(i.id) AS invoice_count,
       COALESCE(sum(i.total_cents), 0) AS billed_cents,
       max(i.total_cents) AS largest_invoice_cents,
       avg(i.total_cents) AS average_invoice_cents,
       sum(i.total_cents) FILTER (WHERE i.status = 'open') AS open_cents
FROM billing.accounts a
LEFT JOIN billing.invoices i ON i.account_id = a.id
WHERE a.organization_id = ANY(@organization_ids::uuid[])
GROUP BY a.id
HAVING count(i.id) >= @min_invoices::bigint
ORDER BY billed_cents DESC;

-- Paid revenue per month and currency over the last period.
-- name: MonthlyRevenue :many
SELECT date_trunc('month', i.paid_at)::date AS month,
       a.currency,
       sum(i.total_cents)::bigint AS revenue_cents,
       count(*) AS paid_invoices
FROM invoices i
JOIN accounts a ON a.id = i.account_id
WHERE i.status = 'paid' AND i.paid_at >= now() - @period::interval
GROUP BY 1, 2
ORDER BY 1, 2;
