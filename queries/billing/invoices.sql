-- name: CreateInvoice :one
INSERT INTO billing.invoices (account_id, status, total_cents, issued_at, due_at, metadata)
VALUES (@account_id, @status, @total_cents, sqlc.narg(issued_at), sqlc.narg(due_at), @metadata)
RETURNING *;

-- A page of an account's invoices, newest first; NULL filters match all.
-- name: ListInvoices :many
SELECT id, number, status, total_cents, issued_at, due_at, paid_at
FROM invoices
WHERE account_id = @account_id
  AND (sqlc.narg(status)::billing.invoice_status IS NULL OR status = sqlc.narg(status))
  AND (sqlc.narg(issued_after)::timestamptz IS NULL OR issued_at >= sqlc.narg(issued_after))
ORDER BY number DESC
LIMIT @page_size OFFSET @page_offset;

-- An aggregate without GROUP BY always returns one row: the count itself, no std::optional.
-- name: CountOpenInvoices :one
SELECT count(*) FROM billing.invoices WHERE account_id = @account_id AND status = 'open';

-- name: GetInvoiceWithAccount :one
SELECT sqlc.embed(i), sqlc.embed(a)
FROM billing.invoices i
JOIN billing.accounts a ON a.id = i.account_id
WHERE i.id = @id;

-- Invoices in the order of the given ids.
-- name: ListInvoicesByIDsInOrder :many
SELECT i.*, x.ord AS requested_position
FROM unnest(@ids::uuid[]) WITH ORDINALITY AS x(id, ord)
JOIN billing.invoices i ON i.id = x.id
ORDER BY x.ord;

-- Locks a batch of overdue invoices for a dunning worker; rows locked by
-- other workers are skipped.
-- name: ClaimOverdueInvoices :many
SELECT id, number, account_id, total_cents, due_at
FROM billing.invoices
WHERE status = 'open' AND due_at < now() - @grace::interval
ORDER BY due_at
LIMIT @batch_size
FOR UPDATE SKIP LOCKED;

-- name: VoidInvoice :batchone
UPDATE billing.invoices
SET status = 'void'
WHERE id = @id AND status IN ('draft', 'open')
RETURNING id, number, status;

-- Open invoices of an organization, most urgent first.
-- name: ListOpenInvoicesForOrganization :many
SELECT oi.*,
       CASE
           WHEN oi.overdue THEN 'overdue'
           WHEN oi.due_at < now() + interval '7 days' THEN 'due_soon'
           ELSE 'open'
       END AS urgency
FROM billing.open_invoices oi
WHERE oi.organization_id = @organization_id
ORDER BY oi.overdue DESC, oi.due_at NULLS LAST;
