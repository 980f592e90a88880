-- Schema as sqlgen's catalog sees it (no database involved).

CREATE SCHEMA ai;

CREATE SCHEMA audit;

CREATE SCHEMA billing;

CREATE SCHEMA identity;

CREATE SCHEMA organization;

CREATE EXTENSION citext;

CREATE TYPE ai.ai_provider_type AS ENUM ('openai', 'anthropic', 'azure_openai');

CREATE TYPE audit.actor AS (user_id uuid, ip_address inet, user_agent text);

CREATE TYPE billing.invoice_status AS ENUM ('draft', 'open', 'paid', 'void', 'uncollectible');

CREATE DOMAIN billing.money_cents AS bigint CHECK (value >= 0);

CREATE TYPE identity.user_status AS ENUM ('pending', 'active', 'suspended', 'disabled');

CREATE TABLE ai.chat_providers (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    name text NOT NULL,
    provider_type ai.ai_provider_type DEFAULT 'openai' NOT NULL,
    base_url text,
    model character varying(200),
    enabled boolean DEFAULT true NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    api_version character varying(32),
    CONSTRAINT chat_providers_pkey PRIMARY KEY (id),
    CONSTRAINT chat_providers_name_key UNIQUE (name)
);
COMMENT ON TABLE ai.chat_providers IS 'Chat model providers the application can call.';
COMMENT ON COLUMN ai.chat_providers.base_url IS 'Overrides the provider''s default endpoint; NULL uses the default.';
COMMENT ON COLUMN ai.chat_providers.api_version IS 'Azure OpenAI API version, e.g. 2024-02-01; NULL for other providers.';

CREATE SEQUENCE ai.chat_providers_id_seq;

CREATE TABLE audit.events (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    occurred_at timestamp with time zone DEFAULT now() NOT NULL,
    actor audit.actor,
    organization_id uuid,
    action character varying(100) NOT NULL,
    target_table text,
    target_id text,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    tags text[] DEFAULT '{}' NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE audit.events IS 'Append-only audit log.';
COMMENT ON COLUMN audit.events.actor IS 'NULL when the action was performed by the system itself.';

CREATE SEQUENCE audit.events_id_seq;

CREATE TABLE billing.accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    invoice_email citext NOT NULL,
    currency character(3) DEFAULT 'USD' NOT NULL,
    credit_balance billing.money_cents DEFAULT 0 NOT NULL,
    tax_rate numeric(5,4) DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id),
    CONSTRAINT accounts_organization_id_key UNIQUE (organization_id)
);
COMMENT ON TABLE billing.accounts IS 'One billing account per organization.';
COMMENT ON COLUMN billing.accounts.invoice_email IS 'Where invoices are sent.';

CREATE TABLE billing.invoice_lines (
    id bigint DEFAULT nextval('billing.invoice_lines_id_seq'::regclass) NOT NULL,
    invoice_id uuid NOT NULL,
    "position" integer NOT NULL,
    description character varying(500) NOT NULL,
    quantity integer DEFAULT 1 NOT NULL,
    unit_price numeric(12,2) NOT NULL,
    amount numeric(12,2) GENERATED ALWAYS AS (quantity * unit_price) STORED,
    tax_codes text[],
    CONSTRAINT invoice_lines_pkey PRIMARY KEY (id),
    CONSTRAINT invoice_lines_invoice_id_position_key UNIQUE (invoice_id, "position")
);
COMMENT ON TABLE billing.invoice_lines IS 'Line items of an invoice.';
COMMENT ON COLUMN billing.invoice_lines.amount IS 'quantity * unit_price, computed by the database.';

CREATE SEQUENCE billing.invoice_lines_id_seq;

CREATE TABLE billing.invoices (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    number bigint DEFAULT nextval('billing.invoices_number_seq'::regclass) NOT NULL,
    status billing.invoice_status DEFAULT 'draft' NOT NULL,
    total_cents billing.money_cents DEFAULT 0 NOT NULL,
    issued_at timestamp with time zone,
    due_at timestamp with time zone,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    paid_at timestamp with time zone,
    payment_reference character varying(64),
    CONSTRAINT invoices_pkey PRIMARY KEY (id),
    CONSTRAINT invoices_number_key UNIQUE (number)
);
COMMENT ON TABLE billing.invoices IS 'Invoices issued to billing accounts.';
COMMENT ON COLUMN billing.invoices.number IS 'Human-facing sequential invoice number.';
COMMENT ON COLUMN billing.invoices.paid_at IS 'When the invoice was paid; required once status is paid.';

CREATE SEQUENCE billing.invoices_number_seq;

-- view billing.open_invoices (
--     id uuid NOT NULL,
--     number bigint NOT NULL,
--     account_id uuid NOT NULL,
--     organization_id uuid NOT NULL,
--     organization_name text NOT NULL,
--     total_cents billing.money_cents NOT NULL,
--     issued_at timestamp with time zone,
--     due_at timestamp with time zone,
--     overdue boolean
-- )

CREATE TABLE identity.sessions (
    id bigint DEFAULT nextval('identity.sessions_id_seq'::regclass) NOT NULL,
    user_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    user_agent text,
    ip_address inet,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
);
COMMENT ON TABLE identity.sessions IS 'Login sessions, one row per issued token.';
COMMENT ON COLUMN identity.sessions.token_hash IS 'SHA-256 of the session token.';

CREATE SEQUENCE identity.sessions_id_seq;

CREATE TABLE identity.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email citext NOT NULL,
    display_name character varying(100),
    status identity.user_status DEFAULT 'pending' NOT NULL,
    password_hash text,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email)
);
COMMENT ON TABLE identity.users IS 'People who can sign in.';
COMMENT ON COLUMN identity.users.email IS 'Login email, compared case-insensitively.';
COMMENT ON COLUMN identity.users.password_hash IS 'NULL for users who only sign in through SSO.';

CREATE TABLE organization.invitations (
    id bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    organization_id uuid NOT NULL,
    email citext NOT NULL,
    role text DEFAULT 'member' NOT NULL,
    token uuid DEFAULT gen_random_uuid() NOT NULL,
    invited_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone DEFAULT now() + '7 days'::interval NOT NULL,
    accepted_at timestamp with time zone,
    CONSTRAINT invitations_pkey PRIMARY KEY (id),
    CONSTRAINT invitations_token_key UNIQUE (token)
);
COMMENT ON TABLE organization.invitations IS 'Invitations sent by email; accepted ones are kept for history.';
COMMENT ON COLUMN organization.invitations.invited_by IS 'NULL once the inviting user is deleted.';

CREATE SEQUENCE organization.invitations_id_seq;

CREATE TABLE organization.memberships (
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text DEFAULT 'member' NOT NULL,
    joined_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT memberships_pkey PRIMARY KEY (organization_id, user_id)
);
COMMENT ON TABLE organization.memberships IS 'Which users belong to which organizations, and their role.';

CREATE TABLE organization.organizations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    slug character varying(63) NOT NULL,
    name text NOT NULL,
    owner_id uuid NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    tags text[] DEFAULT '{}' NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT organizations_pkey PRIMARY KEY (id),
    CONSTRAINT organizations_slug_key UNIQUE (slug)
);
COMMENT ON TABLE organization.organizations IS 'Tenants; every billable resource belongs to one.';
COMMENT ON COLUMN organization.organizations.slug IS 'URL-safe unique handle.';
COMMENT ON COLUMN organization.organizations.deleted_at IS 'Soft-delete marker; NULL while active.';

-- FUNCTION audit.log_invoice_status_change() RETURNS trigger

-- FUNCTION identity.set_updated_at() RETURNS trigger
