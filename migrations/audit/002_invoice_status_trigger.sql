-- Records every invoice status change in the audit log.

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION audit.log_invoice_status_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    org_id uuid;
BEGIN
    SELECT a.organization_id INTO org_id
    FROM billing.accounts a
    WHERE a.id = NEW.account_id;

    INSERT INTO audit.events (organization_id, action, target_table, target_id, payload)
    VALUES (
        org_id,
        'invoice.status_changed',
        'billing.invoices',
        NEW.id::text,
        jsonb_build_object('from', OLD.status, 'to', NEW.status)
    );
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER invoices_audit_status_change
    AFTER UPDATE OF status ON billing.invoices
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION audit.log_invoice_status_change();

COMMENT ON FUNCTION audit.log_invoice_status_change() IS 'Trigger: logs billing.invoices status changes to audit.events.';

-- +goose Down
DROP TRIGGER IF EXISTS invoices_audit_status_change ON billing.invoices;
DROP FUNCTION IF EXISTS audit.log_invoice_status_change();
