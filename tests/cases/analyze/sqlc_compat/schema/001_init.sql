-- Shapes real sqlc projects use: views with options, replaced views, materialized
-- views, procedures, functions with named arguments, arrays and timestamps for
-- row comparisons.
CREATE TYPE ticket_state AS ENUM ('open', 'closed');

CREATE TABLE projects (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    owner_id uuid NOT NULL
);

CREATE TABLE tickets (
    id bigint PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects (id),
    title varchar(200) NOT NULL,
    state ticket_state NOT NULL DEFAULT 'open',
    labels text[],
    meta jsonb NOT NULL DEFAULT '{}',
    opened_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz
);

CREATE VIEW open_tickets AS
    SELECT t.id, t.title FROM tickets t WHERE t.state = 'open';

-- Replaced with more columns and an option, as migrations do over time.
CREATE OR REPLACE VIEW open_tickets WITH (security_invoker = on) AS
    SELECT t.id, t.title, COALESCE(t.labels, ARRAY[]::text[]) AS labels, p.name AS project
    FROM tickets t JOIN projects p ON p.id = t.project_id
    WHERE t.state = 'open';

CREATE MATERIALIZED VIEW ticket_counts AS
    SELECT project_id, count(*) AS open_count FROM tickets GROUP BY project_id;
CREATE UNIQUE INDEX ticket_counts_project ON ticket_counts (project_id);

CREATE TABLE ticket_archive AS SELECT id, title, closed_at FROM tickets WHERE false;

CREATE PROCEDURE close_ticket(ticket bigint, reason text)
LANGUAGE sql AS $$ UPDATE tickets SET state = 'closed', closed_at = now() WHERE id = ticket $$;

CREATE FUNCTION tickets_of(project bigint, max_rows int DEFAULT 10)
RETURNS SETOF tickets LANGUAGE sql STABLE AS $$
    SELECT * FROM tickets WHERE project_id = project ORDER BY id LIMIT max_rows
$$;
