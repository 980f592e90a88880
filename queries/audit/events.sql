-- Appends one event; the actor is NULL-filled for system actions.
-- name: InsertEvent :one
INSERT INTO audit.events (actor, organization_id, action, target_table, target_id, payload, tags)
VALUES (
    ROW(sqlc.narg(actor_user_id)::uuid, sqlc.narg(actor_ip)::inet, sqlc.narg(actor_user_agent)::text)::audit.actor,
    sqlc.narg(organization_id),
    @action,
    sqlc.narg(target_table),
    sqlc.narg(target_id),
    @payload,
    @tags
)
RETURNING id, occurred_at;

-- Bulk import of system events.
-- name: InsertEvents :copyfrom
INSERT INTO audit.events (organization_id, action, target_table, target_id, payload, tags)
VALUES (@organization_id, @action, @target_table, @target_id, @payload, @tags);

-- name: GetEventsByIDs :many
SELECT * FROM audit.events WHERE id = ANY(@ids::bigint[]) ORDER BY id;

-- An organization's events of the last `since`, newest first.
-- name: ListRecentOrganizationEvents :many
SELECT e.id,
       e.occurred_at,
       (e.actor).user_id AS actor_user_id,
       (e.actor).ip_address AS actor_ip,
       e.action,
       e.target_table,
       e.target_id,
       e.payload,
       e.tags
FROM audit.events e
WHERE e.organization_id = @organization_id
  AND e.occurred_at > now() - @since::interval
ORDER BY e.occurred_at DESC
LIMIT sqlc.arg(max_events);

-- Events of an action whose payload contains filter (uses the GIN index).
-- name: FindEventsByPayload :many
SELECT id, occurred_at, action, payload ->> 'to' AS new_status, payload -> 'from' AS old_status
FROM events
WHERE payload @> @filter::jsonb AND action = @action
ORDER BY occurred_at DESC;

-- Status changes of an invoice recorded by the billing trigger, with who
-- made them when known.
-- name: InvoiceStatusHistory :many
SELECT e.id,
       e.occurred_at,
       (e.payload ->> 'from')::billing.invoice_status AS from_status,
       (e.payload ->> 'to')::billing.invoice_status AS to_status,
       row_number() OVER (ORDER BY e.occurred_at, e.id) AS seq,
       u.email AS actor_email
FROM audit.events e
LEFT JOIN identity.users u ON u.id = (e.actor).user_id
WHERE e.target_table = 'billing.invoices' AND e.target_id = @invoice_id::uuid::text
ORDER BY seq;

-- Event counts of an organization for every month of a time range,
-- including months without events.
-- name: EventCountsPerMonth :many
WITH RECURSIVE months (month_start) AS (
    SELECT date_trunc('month', @from_time::timestamptz)
    UNION ALL
    SELECT month_start + interval '1 month'
    FROM months
    WHERE month_start + interval '1 month' < @to_time::timestamptz
)
SELECT m.month_start,
       count(e.id) AS events,
       COALESCE(array_agg(DISTINCT e.action::text) FILTER (WHERE e.action IS NOT NULL), '{}') AS actions
FROM months m
LEFT JOIN audit.events e
       ON e.occurred_at >= m.month_start
      AND e.occurred_at < m.month_start + interval '1 month'
      AND e.organization_id = @organization_id
GROUP BY m.month_start
ORDER BY m.month_start;

-- Deletes events older than the retention period unless on legal hold.
-- name: PurgeEvents :execrows
DELETE FROM audit.events
WHERE occurred_at < now() - @retention::interval
  AND NOT (tags @> ARRAY['legal_hold']);
