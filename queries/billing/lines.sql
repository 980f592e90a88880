-- name: InsertInvoiceLines :copyfrom
INSERT INTO billing.invoice_lines (invoice_id, position, description, quantity, unit_price, tax_codes)
VALUES (@invoice_id, @position, @description, @quantity, @unit_price, @tax_codes);

-- Lines with the database-computed amount and a running total.
-- name: ListInvoiceLines :many
SELECT id,
       position,
       description,
       quantity,
       unit_price,
       amount,
       tax_codes,
       sum(amount) OVER (ORDER BY position) AS running_total
FROM invoice_lines
WHERE invoice_id = @invoice_id
ORDER BY position;

-- Sets a draft invoice's total from its lines.
-- name: RecomputeInvoiceTotal :one
UPDATE billing.invoices i
SET total_cents = t.total_cents
FROM (
    SELECT l.invoice_id, round(COALESCE(sum(l.amount), 0) * 100)::bigint AS total_cents
    FROM billing.invoice_lines l
    WHERE l.invoice_id = @invoice_id
    GROUP BY l.invoice_id
) t
WHERE i.id = t.invoice_id AND i.status = 'draft'
RETURNING i.id, i.number, i.total_cents;

-- Invoices of an account with at least one line carrying the tax code.
-- name: ListInvoicesWithTaxCode :many
SELECT i.id, i.number, i.status
FROM billing.invoices i
WHERE i.account_id = @account_id
  AND EXISTS (
      SELECT 1
      FROM billing.invoice_lines l
      WHERE l.invoice_id = i.id AND sqlc.arg(tax_code)::text = ANY(l.tax_codes)
  )
ORDER BY i.number;
