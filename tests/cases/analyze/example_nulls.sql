-- Rows of the example app (sqlgen.yaml) for the nullability oracle
-- (tests/analyze/test_nullability_oracle.cpp): every nullable column NULL in
-- some row and set in another, unmatched rows on every outer join (users
-- without sessions or memberships, organizations without members or
-- accounts, accounts without invoices, invoices without lines, events
-- without an actor or organization, invitations without an inviter), and
-- values the oracle's dummy parameters match: text 'a' / 'member', uuids
-- ...0001 / ...0002, bytea '\x61' / '\x62' / '\x64', ids 1 / 2.

-- identity
INSERT INTO identity.users (id, email, display_name, status, password_hash, last_login_at) VALUES
  ('00000000-0000-0000-0000-000000000001', 'a', NULL, 'pending', NULL, NULL),
  ('00000000-0000-0000-0000-000000000002', 'member', 'Bob', 'active', 'hash', now()),
  ('00000000-0000-0000-0000-000000000003', 'c@example.com', NULL, 'active', NULL, NULL),
  ('00000000-0000-0000-0000-000000000004', 'd@example.com', 'Dora', 'disabled', NULL, now());

INSERT INTO identity.sessions (id, user_id, token_hash, user_agent, ip_address, created_at, expires_at, revoked_at) VALUES
  (1, '00000000-0000-0000-0000-000000000002', '\x61', NULL, NULL, now(), now() + interval '1 day', NULL),
  (2, '00000000-0000-0000-0000-000000000001', '\x62', 'curl', '10.0.0.1', now() - interval '2 days',
   now() + interval '1 day', now() - interval '1 day'),
  (3, '00000000-0000-0000-0000-000000000004', '\x63', 'firefox', NULL, '2020-01-01 00:00:00+00',
   '2020-01-02 00:00:00+00', NULL),
  (4, '00000000-0000-0000-0000-000000000003', '\x64', NULL, NULL, now() - interval '1 hour',
   now() + interval '1 hour', NULL),
  (5, '00000000-0000-0000-0000-000000000002', '\x65', 'curl', '127.0.0.1', now() - interval '1 day',
   now() + interval '1 hour', NULL);
SELECT setval(pg_get_serial_sequence('identity.sessions', 'id'), 100);

-- organization: 1 has members and an account, 2 has one member, 3 is deleted
-- and has neither members nor an account.
INSERT INTO organization.organizations (id, slug, name, owner_id, settings, tags, deleted_at) VALUES
  ('00000000-0000-0000-0000-000000000001', 'a', 'a', '00000000-0000-0000-0000-000000000001',
   '{}', '{a}', NULL),
  ('00000000-0000-0000-0000-000000000002', 'member', 'Member Org',
   '00000000-0000-0000-0000-000000000002', '{"plan": "pro"}', '{}', NULL),
  ('00000000-0000-0000-0000-000000000003', 'c', 'Gone', '00000000-0000-0000-0000-000000000003',
   '{"plan": null}', '{a,member}', now());

INSERT INTO organization.memberships (organization_id, user_id, role) VALUES
  ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001', 'owner'),
  ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 'member'),
  ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000003', 'viewer'),
  ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000002', 'member');

INSERT INTO organization.invitations (id, organization_id, email, role, token, invited_by, accepted_at) VALUES
  (1, '00000000-0000-0000-0000-000000000001', 'a', 'member', '00000000-0000-0000-0000-000000000001',
   NULL, NULL),
  (2, '00000000-0000-0000-0000-000000000001', 'member', 'admin', '00000000-0000-0000-0000-000000000002',
   '00000000-0000-0000-0000-000000000002', now()),
  (3, '00000000-0000-0000-0000-000000000002', 'x@example.com', 'viewer',
   '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000001', NULL),
  (4, '00000000-0000-0000-0000-000000000002', 'y@example.com', 'member',
   '00000000-0000-0000-0000-000000000004',
   NULL, NULL);
SELECT setval(pg_get_serial_sequence('organization.invitations', 'id'), 100);

-- billing: account 1 has invoices (drafts with and without lines and issue
-- dates, paid, open overdue, open without dates or lines), account 2 has none.
INSERT INTO billing.accounts (id, organization_id, invoice_email, currency, credit_balance, tax_rate) VALUES
  ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001', 'a', 'USD', 0, 0),
  ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000002', 'member', 'EUR',
   100, 0.19);

INSERT INTO billing.invoices (id, account_id, number, status, total_cents, issued_at, due_at, paid_at, payment_reference, metadata) VALUES
  ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001', 1, 'draft', 100,
   NULL, NULL, NULL, NULL, '{}'),
  ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 2, 'paid', 500,
   now() - interval '10 days', now() - interval '5 days', now() - interval '1 day', 'ref-2',
   '{"note": "x"}'),
  ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000001', 3, 'draft', 0,
   now() - interval '1 day', NULL, NULL, NULL, '{}'),
  ('00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-000000000001', 4, 'open', 700,
   now() - interval '40 days', now() - interval '30 days', NULL, NULL, '{}'),
  ('00000000-0000-0000-0000-000000000005', '00000000-0000-0000-0000-000000000001', 5, 'open', 50,
   NULL, NULL, NULL, NULL, '{}'),
  ('00000000-0000-0000-0000-000000000006', '00000000-0000-0000-0000-000000000001', 6, 'draft', 0,
   now() - interval '2 days', now() + interval '2 days', NULL, NULL, '{}');
SELECT setval(pg_get_serial_sequence('billing.invoices', 'number'), 100);

INSERT INTO billing.invoice_lines (id, invoice_id, position, description, quantity, unit_price, tax_codes) VALUES
  (1, '00000000-0000-0000-0000-000000000001', 1, 'a', 1, 1.00, NULL),
  (2, '00000000-0000-0000-0000-000000000001', 2, 'b', 2, 2.50, '{a}'),
  (3, '00000000-0000-0000-0000-000000000002', 1, 'c', 1, 5.00, '{}'),
  (4, '00000000-0000-0000-0000-000000000004', 1, 'd', 3, 7.00, '{NULL,member}');
SELECT setval(pg_get_serial_sequence('billing.invoice_lines', 'id'), 100);

-- audit: events without actor or organization, with an actor whose fields are
-- NULL, with an actor that is no user, with and without payload keys.
INSERT INTO audit.events (id, occurred_at, actor, organization_id, action, target_table, target_id, payload, tags) OVERRIDING SYSTEM VALUE VALUES
  (1, now(), NULL, NULL, 'a', NULL, NULL, '{}', '{}'),
  (2, now() - interval '1 hour',
   ROW('00000000-0000-0000-0000-000000000001', '127.0.0.1', 'curl')::audit.actor,
   '00000000-0000-0000-0000-000000000001', 'invoice.status_changed', 'billing.invoices',
   '00000000-0000-0000-0000-000000000001', '{"from": "draft", "to": "open"}', '{a}'),
  (3, now() - interval '2 hours', ROW(NULL, NULL, NULL)::audit.actor,
   '00000000-0000-0000-0000-000000000001', 'a', 'billing.invoices',
   '00000000-0000-0000-0000-000000000001', '{"to": "paid"}', '{legal_hold}'),
  (4, '2020-01-01 00:00:00+00',
   ROW('00000000-0000-0000-0000-000000000009', NULL, NULL)::audit.actor,
   '00000000-0000-0000-0000-000000000002', 'member', 'billing.invoices',
   '00000000-0000-0000-0000-000000000002', '{"from": null}', '{}'),
  (5, now() - interval '3 hours', NULL, '00000000-0000-0000-0000-000000000001', 'a', NULL, NULL,
   '{}', '{}');
SELECT setval(pg_get_serial_sequence('audit.events', 'id'), 100);

-- ai: 1 has every nullable column NULL and a type the endpoint CASE does not
-- cover; 2 is complete; 3 is disabled.
INSERT INTO ai.chat_providers (id, name, provider_type, base_url, model, api_version, enabled, settings) OVERRIDING SYSTEM VALUE VALUES
  (1, 'a', 'azure_openai', NULL, NULL, NULL, true, '{}'),
  (2, 'member', 'openai', 'https://example.com/v1', 'gpt', '2024-02-01', true,
   '{"deployment": "d"}'),
  (3, 'c', 'anthropic', NULL, 'claude', NULL, false, '{"deployment": null}');
SELECT setval(pg_get_serial_sequence('ai.chat_providers', 'id'), 100);
