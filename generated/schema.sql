--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: ai; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA ai;

--
-- Name: audit; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA audit;

--
-- Name: billing; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA billing;

--
-- Name: identity; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA identity;

--
-- Name: organization; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA organization;

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';

--
-- Name: ai_provider_type; Type: TYPE; Schema: ai; Owner: -
--

CREATE TYPE ai.ai_provider_type AS ENUM (
    'openai',
    'anthropic',
    'azure_openai'
);

--
-- Name: actor; Type: TYPE; Schema: audit; Owner: -
--

CREATE TYPE audit.actor AS (
	user_id uuid,
	ip_address inet,
	user_agent text
);

--
-- Name: TYPE actor; Type: COMMENT; Schema: audit; Owner: -
--

COMMENT ON TYPE audit.actor IS 'Who performed an action; user_id is NULL for system actions.';

--
-- Name: invoice_status; Type: TYPE; Schema: billing; Owner: -
--

CREATE TYPE billing.invoice_status AS ENUM (
    'draft',
    'open',
    'paid',
    'void',
    'uncollectible'
);

--
-- Name: money_cents; Type: DOMAIN; Schema: billing; Owner: -
--

CREATE DOMAIN billing.money_cents AS bigint
	CONSTRAINT money_cents_non_negative CHECK ((VALUE >= 0));

--
-- Name: DOMAIN money_cents; Type: COMMENT; Schema: billing; Owner: -
--

COMMENT ON DOMAIN billing.money_cents IS 'An amount of money in the smallest currency unit, never negative.';

--
-- Name: user_status; Type: TYPE; Schema: identity; Owner: -
--

CREATE TYPE identity.user_status AS ENUM (
    'pending',
    'active',
    'suspended',
    'disabled'
);

--
-- Name: log_invoice_status_change(); Type: FUNCTION; Schema: audit; Owner: -
--

CREATE FUNCTION audit.log_invoice_status_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: FUNCTION log_invoice_status_change(); Type: COMMENT; Schema: audit; Owner: -
--

COMMENT ON FUNCTION audit.log_invoice_status_change() IS 'Trigger: logs billing.invoices status changes to audit.events.';

--
-- Name: set_updated_at(); Type: FUNCTION; Schema: identity; Owner: -
--

CREATE FUNCTION identity.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

SET default_table_access_method = heap;

--
-- Name: chat_providers; Type: TABLE; Schema: ai; Owner: -
--

CREATE TABLE ai.chat_providers (
    id bigint NOT NULL,
    name text NOT NULL,
    provider_type ai.ai_provider_type DEFAULT 'openai'::ai.ai_provider_type NOT NULL,
    base_url text,
    model character varying(200),
    enabled boolean DEFAULT true NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    api_version character varying(32)
);

--
-- Name: TABLE chat_providers; Type: COMMENT; Schema: ai; Owner: -
--

COMMENT ON TABLE ai.chat_providers IS 'Chat model providers the application can call.';

--
-- Name: COLUMN chat_providers.base_url; Type: COMMENT; Schema: ai; Owner: -
--

COMMENT ON COLUMN ai.chat_providers.base_url IS 'Overrides the provider''s default endpoint; NULL uses the default.';

--
-- Name: COLUMN chat_providers.api_version; Type: COMMENT; Schema: ai; Owner: -
--

COMMENT ON COLUMN ai.chat_providers.api_version IS 'Azure OpenAI API version, e.g. 2024-02-01; NULL for other providers.';

--
-- Name: chat_providers_id_seq; Type: SEQUENCE; Schema: ai; Owner: -
--

ALTER TABLE ai.chat_providers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ai.chat_providers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: events; Type: TABLE; Schema: audit; Owner: -
--

CREATE TABLE audit.events (
    id bigint NOT NULL,
    occurred_at timestamp with time zone DEFAULT now() NOT NULL,
    actor audit.actor,
    organization_id uuid,
    action character varying(100) NOT NULL,
    target_table text,
    target_id text,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL
);

--
-- Name: TABLE events; Type: COMMENT; Schema: audit; Owner: -
--

COMMENT ON TABLE audit.events IS 'Append-only audit log.';

--
-- Name: COLUMN events.actor; Type: COMMENT; Schema: audit; Owner: -
--

COMMENT ON COLUMN audit.events.actor IS 'NULL when the action was performed by the system itself.';

--
-- Name: events_id_seq; Type: SEQUENCE; Schema: audit; Owner: -
--

ALTER TABLE audit.events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME audit.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: accounts; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    invoice_email public.citext NOT NULL,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    credit_balance billing.money_cents DEFAULT 0 NOT NULL,
    tax_rate numeric(5,4) DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT accounts_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text))
);

--
-- Name: TABLE accounts; Type: COMMENT; Schema: billing; Owner: -
--

COMMENT ON TABLE billing.accounts IS 'One billing account per organization.';

--
-- Name: COLUMN accounts.invoice_email; Type: COMMENT; Schema: billing; Owner: -
--

COMMENT ON COLUMN billing.accounts.invoice_email IS 'Where invoices are sent.';

--
-- Name: invoice_lines; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.invoice_lines (
    id bigint NOT NULL,
    invoice_id uuid NOT NULL,
    "position" integer NOT NULL,
    description character varying(500) NOT NULL,
    quantity integer DEFAULT 1 NOT NULL,
    unit_price numeric(12,2) NOT NULL,
    amount numeric(12,2) GENERATED ALWAYS AS (((quantity)::numeric * unit_price)) STORED,
    tax_codes text[],
    CONSTRAINT invoice_lines_quantity_check CHECK ((quantity > 0))
);

--
-- Name: TABLE invoice_lines; Type: COMMENT; Schema: billing; Owner: -
--

COMMENT ON TABLE billing.invoice_lines IS 'Line items of an invoice.';

--
-- Name: COLUMN invoice_lines.amount; Type: COMMENT; Schema: billing; Owner: -
--

COMMENT ON COLUMN billing.invoice_lines.amount IS 'quantity * unit_price, computed by the database.';

--
-- Name: invoice_lines_id_seq; Type: SEQUENCE; Schema: billing; Owner: -
--

CREATE SEQUENCE billing.invoice_lines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: invoice_lines_id_seq; Type: SEQUENCE OWNED BY; Schema: billing; Owner: -
--

ALTER SEQUENCE billing.invoice_lines_id_seq OWNED BY billing.invoice_lines.id;

--
-- Name: invoices; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.invoices (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    number bigint NOT NULL,
    status billing.invoice_status DEFAULT 'draft'::billing.invoice_status NOT NULL,
    total_cents billing.money_cents DEFAULT 0 NOT NULL,
    issued_at timestamp with time zone,
    due_at timestamp with time zone,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    paid_at timestamp with time zone,
    payment_reference character varying(64),
    CONSTRAINT invoices_due_after_issue_check CHECK (((due_at IS NULL) OR (issued_at IS NULL) OR (due_at >= issued_at))),
    CONSTRAINT invoices_paid_at_check CHECK (((status <> 'paid'::billing.invoice_status) OR (paid_at IS NOT NULL)))
);

--
-- Name: TABLE invoices; Type: COMMENT; Schema: billing; Owner: -
--

COMMENT ON TABLE billing.invoices IS 'Invoices issued to billing accounts.';

--
-- Name: COLUMN invoices.number; Type: COMMENT; Schema: billing; Owner: -
--

COMMENT ON COLUMN billing.invoices.number IS 'Human-facing sequential invoice number.';

--
-- Name: COLUMN invoices.paid_at; Type: COMMENT; Schema: billing; Owner: -
--

COMMENT ON COLUMN billing.invoices.paid_at IS 'When the invoice was paid; required once status is paid.';

--
-- Name: invoices_number_seq; Type: SEQUENCE; Schema: billing; Owner: -
--

CREATE SEQUENCE billing.invoices_number_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: invoices_number_seq; Type: SEQUENCE OWNED BY; Schema: billing; Owner: -
--

ALTER SEQUENCE billing.invoices_number_seq OWNED BY billing.invoices.number;

--
-- Name: organizations; Type: TABLE; Schema: organization; Owner: -
--

CREATE TABLE organization.organizations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    slug character varying(63) NOT NULL,
    name text NOT NULL,
    owner_id uuid NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT organizations_slug_check CHECK (((slug)::text ~ '^[a-z0-9][a-z0-9-]*$'::text))
);

--
-- Name: TABLE organizations; Type: COMMENT; Schema: organization; Owner: -
--

COMMENT ON TABLE organization.organizations IS 'Tenants; every billable resource belongs to one.';

--
-- Name: COLUMN organizations.slug; Type: COMMENT; Schema: organization; Owner: -
--

COMMENT ON COLUMN organization.organizations.slug IS 'URL-safe unique handle.';

--
-- Name: COLUMN organizations.deleted_at; Type: COMMENT; Schema: organization; Owner: -
--

COMMENT ON COLUMN organization.organizations.deleted_at IS 'Soft-delete marker; NULL while active.';

--
-- Name: open_invoices; Type: VIEW; Schema: billing; Owner: -
--

CREATE VIEW billing.open_invoices AS
 SELECT i.id,
    i.number,
    i.account_id,
    a.organization_id,
    o.name AS organization_name,
    i.total_cents,
    i.issued_at,
    i.due_at,
    ((i.due_at IS NOT NULL) AND (i.due_at < now())) AS overdue
   FROM ((billing.invoices i
     JOIN billing.accounts a ON ((a.id = i.account_id)))
     JOIN organization.organizations o ON ((o.id = a.organization_id)))
  WHERE (i.status = 'open'::billing.invoice_status);

--
-- Name: VIEW open_invoices; Type: COMMENT; Schema: billing; Owner: -
--

COMMENT ON VIEW billing.open_invoices IS 'Open invoices; overdue is computed at query time.';

--
-- Name: sessions; Type: TABLE; Schema: identity; Owner: -
--

CREATE TABLE identity.sessions (
    id bigint NOT NULL,
    user_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    user_agent text,
    ip_address inet,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT sessions_expiry_check CHECK ((expires_at > created_at))
);

--
-- Name: TABLE sessions; Type: COMMENT; Schema: identity; Owner: -
--

COMMENT ON TABLE identity.sessions IS 'Login sessions, one row per issued token.';

--
-- Name: COLUMN sessions.token_hash; Type: COMMENT; Schema: identity; Owner: -
--

COMMENT ON COLUMN identity.sessions.token_hash IS 'SHA-256 of the session token.';

--
-- Name: sessions_id_seq; Type: SEQUENCE; Schema: identity; Owner: -
--

CREATE SEQUENCE identity.sessions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: sessions_id_seq; Type: SEQUENCE OWNED BY; Schema: identity; Owner: -
--

ALTER SEQUENCE identity.sessions_id_seq OWNED BY identity.sessions.id;

--
-- Name: users; Type: TABLE; Schema: identity; Owner: -
--

CREATE TABLE identity.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email public.citext NOT NULL,
    display_name character varying(100),
    status identity.user_status DEFAULT 'pending'::identity.user_status NOT NULL,
    password_hash text,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: TABLE users; Type: COMMENT; Schema: identity; Owner: -
--

COMMENT ON TABLE identity.users IS 'People who can sign in.';

--
-- Name: COLUMN users.email; Type: COMMENT; Schema: identity; Owner: -
--

COMMENT ON COLUMN identity.users.email IS 'Login email, compared case-insensitively.';

--
-- Name: COLUMN users.password_hash; Type: COMMENT; Schema: identity; Owner: -
--

COMMENT ON COLUMN identity.users.password_hash IS 'NULL for users who only sign in through SSO.';

--
-- Name: invitations; Type: TABLE; Schema: organization; Owner: -
--

CREATE TABLE organization.invitations (
    id bigint NOT NULL,
    organization_id uuid NOT NULL,
    email public.citext NOT NULL,
    role text DEFAULT 'member'::text NOT NULL,
    token uuid DEFAULT gen_random_uuid() NOT NULL,
    invited_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone DEFAULT (now() + '7 days'::interval) NOT NULL,
    accepted_at timestamp with time zone,
    CONSTRAINT invitations_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'member'::text, 'viewer'::text])))
);

--
-- Name: TABLE invitations; Type: COMMENT; Schema: organization; Owner: -
--

COMMENT ON TABLE organization.invitations IS 'Invitations sent by email; accepted ones are kept for history.';

--
-- Name: COLUMN invitations.invited_by; Type: COMMENT; Schema: organization; Owner: -
--

COMMENT ON COLUMN organization.invitations.invited_by IS 'NULL once the inviting user is deleted.';

--
-- Name: invitations_id_seq; Type: SEQUENCE; Schema: organization; Owner: -
--

ALTER TABLE organization.invitations ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME organization.invitations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: memberships; Type: TABLE; Schema: organization; Owner: -
--

CREATE TABLE organization.memberships (
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text DEFAULT 'member'::text NOT NULL,
    joined_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT memberships_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'member'::text, 'viewer'::text])))
);

--
-- Name: TABLE memberships; Type: COMMENT; Schema: organization; Owner: -
--

COMMENT ON TABLE organization.memberships IS 'Which users belong to which organizations, and their role.';

--
-- Name: invoice_lines id; Type: DEFAULT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoice_lines ALTER COLUMN id SET DEFAULT nextval('billing.invoice_lines_id_seq'::regclass);

--
-- Name: invoices number; Type: DEFAULT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoices ALTER COLUMN number SET DEFAULT nextval('billing.invoices_number_seq'::regclass);

--
-- Name: sessions id; Type: DEFAULT; Schema: identity; Owner: -
--

ALTER TABLE ONLY identity.sessions ALTER COLUMN id SET DEFAULT nextval('identity.sessions_id_seq'::regclass);

--
-- Name: chat_providers chat_providers_name_key; Type: CONSTRAINT; Schema: ai; Owner: -
--

ALTER TABLE ONLY ai.chat_providers
    ADD CONSTRAINT chat_providers_name_key UNIQUE (name);

--
-- Name: chat_providers chat_providers_pkey; Type: CONSTRAINT; Schema: ai; Owner: -
--

ALTER TABLE ONLY ai.chat_providers
    ADD CONSTRAINT chat_providers_pkey PRIMARY KEY (id);

--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: audit; Owner: -
--

ALTER TABLE ONLY audit.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);

--
-- Name: accounts accounts_organization_id_key; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accounts
    ADD CONSTRAINT accounts_organization_id_key UNIQUE (organization_id);

--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

--
-- Name: invoice_lines invoice_lines_invoice_id_position_key; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoice_lines
    ADD CONSTRAINT invoice_lines_invoice_id_position_key UNIQUE (invoice_id, "position");

--
-- Name: invoice_lines invoice_lines_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoice_lines
    ADD CONSTRAINT invoice_lines_pkey PRIMARY KEY (id);

--
-- Name: invoices invoices_number_key; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_number_key UNIQUE (number);

--
-- Name: invoices invoices_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_pkey PRIMARY KEY (id);

--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: identity; Owner: -
--

ALTER TABLE ONLY identity.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);

--
-- Name: sessions sessions_token_hash_key; Type: CONSTRAINT; Schema: identity; Owner: -
--

ALTER TABLE ONLY identity.sessions
    ADD CONSTRAINT sessions_token_hash_key UNIQUE (token_hash);

--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: identity; Owner: -
--

ALTER TABLE ONLY identity.users
    ADD CONSTRAINT users_email_key UNIQUE (email);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: identity; Owner: -
--

ALTER TABLE ONLY identity.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: invitations invitations_pkey; Type: CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.invitations
    ADD CONSTRAINT invitations_pkey PRIMARY KEY (id);

--
-- Name: invitations invitations_token_key; Type: CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.invitations
    ADD CONSTRAINT invitations_token_key UNIQUE (token);

--
-- Name: memberships memberships_pkey; Type: CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.memberships
    ADD CONSTRAINT memberships_pkey PRIMARY KEY (organization_id, user_id);

--
-- Name: organizations organizations_pkey; Type: CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.organizations
    ADD CONSTRAINT organizations_pkey PRIMARY KEY (id);

--
-- Name: organizations organizations_slug_key; Type: CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.organizations
    ADD CONSTRAINT organizations_slug_key UNIQUE (slug);

--
-- Name: events_occurred_at_idx; Type: INDEX; Schema: audit; Owner: -
--

CREATE INDEX events_occurred_at_idx ON audit.events USING brin (occurred_at);

--
-- Name: events_organization_id_idx; Type: INDEX; Schema: audit; Owner: -
--

CREATE INDEX events_organization_id_idx ON audit.events USING btree (organization_id, occurred_at DESC);

--
-- Name: events_payload_idx; Type: INDEX; Schema: audit; Owner: -
--

CREATE INDEX events_payload_idx ON audit.events USING gin (payload jsonb_path_ops);

--
-- Name: invoices_account_id_status_idx; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX invoices_account_id_status_idx ON billing.invoices USING btree (account_id, status);

--
-- Name: invoices_paid_at_idx; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX invoices_paid_at_idx ON billing.invoices USING btree (paid_at) WHERE (paid_at IS NOT NULL);

--
-- Name: sessions_active_idx; Type: INDEX; Schema: identity; Owner: -
--

CREATE INDEX sessions_active_idx ON identity.sessions USING btree (expires_at) WHERE (revoked_at IS NULL);

--
-- Name: sessions_user_id_idx; Type: INDEX; Schema: identity; Owner: -
--

CREATE INDEX sessions_user_id_idx ON identity.sessions USING btree (user_id);

--
-- Name: users_status_idx; Type: INDEX; Schema: identity; Owner: -
--

CREATE INDEX users_status_idx ON identity.users USING btree (status);

--
-- Name: invitations_open_email_idx; Type: INDEX; Schema: organization; Owner: -
--

CREATE UNIQUE INDEX invitations_open_email_idx ON organization.invitations USING btree (organization_id, email) WHERE (accepted_at IS NULL);

--
-- Name: memberships_user_id_idx; Type: INDEX; Schema: organization; Owner: -
--

CREATE INDEX memberships_user_id_idx ON organization.memberships USING btree (user_id);

--
-- Name: organizations_owner_id_idx; Type: INDEX; Schema: organization; Owner: -
--

CREATE INDEX organizations_owner_id_idx ON organization.organizations USING btree (owner_id);

--
-- Name: organizations_tags_idx; Type: INDEX; Schema: organization; Owner: -
--

CREATE INDEX organizations_tags_idx ON organization.organizations USING gin (tags);

--
-- Name: accounts accounts_set_updated_at; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER accounts_set_updated_at BEFORE UPDATE ON billing.accounts FOR EACH ROW EXECUTE FUNCTION identity.set_updated_at();

--
-- Name: invoices invoices_audit_status_change; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER invoices_audit_status_change AFTER UPDATE OF status ON billing.invoices FOR EACH ROW WHEN ((old.status IS DISTINCT FROM new.status)) EXECUTE FUNCTION audit.log_invoice_status_change();

--
-- Name: users users_set_updated_at; Type: TRIGGER; Schema: identity; Owner: -
--

CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON identity.users FOR EACH ROW EXECUTE FUNCTION identity.set_updated_at();

--
-- Name: organizations organizations_set_updated_at; Type: TRIGGER; Schema: organization; Owner: -
--

CREATE TRIGGER organizations_set_updated_at BEFORE UPDATE ON organization.organizations FOR EACH ROW EXECUTE FUNCTION identity.set_updated_at();

--
-- Name: events events_organization_id_fkey; Type: FK CONSTRAINT; Schema: audit; Owner: -
--

ALTER TABLE ONLY audit.events
    ADD CONSTRAINT events_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization.organizations(id) ON DELETE SET NULL;

--
-- Name: accounts accounts_organization_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accounts
    ADD CONSTRAINT accounts_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization.organizations(id) ON DELETE RESTRICT;

--
-- Name: invoice_lines invoice_lines_invoice_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoice_lines
    ADD CONSTRAINT invoice_lines_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices(id) ON DELETE CASCADE;

--
-- Name: invoices invoices_account_id_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_account_id_fkey FOREIGN KEY (account_id) REFERENCES billing.accounts(id) ON DELETE RESTRICT;

--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: identity; Owner: -
--

ALTER TABLE ONLY identity.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES identity.users(id) ON DELETE CASCADE;

--
-- Name: invitations invitations_invited_by_fkey; Type: FK CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.invitations
    ADD CONSTRAINT invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES identity.users(id) ON DELETE SET NULL;

--
-- Name: invitations invitations_organization_id_fkey; Type: FK CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.invitations
    ADD CONSTRAINT invitations_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization.organizations(id) ON DELETE CASCADE;

--
-- Name: memberships memberships_organization_id_fkey; Type: FK CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.memberships
    ADD CONSTRAINT memberships_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization.organizations(id) ON DELETE CASCADE;

--
-- Name: memberships memberships_user_id_fkey; Type: FK CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.memberships
    ADD CONSTRAINT memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES identity.users(id) ON DELETE CASCADE;

--
-- Name: organizations organizations_owner_id_fkey; Type: FK CONSTRAINT; Schema: organization; Owner: -
--

ALTER TABLE ONLY organization.organizations
    ADD CONSTRAINT organizations_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES identity.users(id) ON DELETE RESTRICT;

--
-- PostgreSQL database dump complete
--
