-- Schema as sqlgen's catalog sees it (no database involved).

CREATE SCHEMA app;

CREATE SCHEMA reports;

CREATE EXTENSION citext;

CREATE TYPE app.address AS (street text, zip text, lines text[]);

CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy', 'the end');

CREATE DOMAIN app.positive_int AS integer CHECK (value > 0);

CREATE TABLE app.categories (
    id integer DEFAULT nextval('app.categories_id_seq'::regclass) NOT NULL,
    title text NOT NULL,
    parent_id integer,
    CONSTRAINT categories_pkey PRIMARY KEY (id)
);

CREATE SEQUENCE app.categories_id_seq;

-- view app.happy_people (
--     id integer NOT NULL,
--     name text NOT NULL
-- )

CREATE TABLE app.notes (
    id integer DEFAULT nextval('app.notes_id_seq'::regclass) NOT NULL,
    body text NOT NULL,
    CONSTRAINT notes_pkey PRIMARY KEY (id)
);

CREATE SEQUENCE app.notes_id_seq;

CREATE TABLE app.people (
    id integer DEFAULT nextval('app.people_id_seq'::regclass) NOT NULL,
    name text NOT NULL,
    category_id integer,
    mood app.mood DEFAULT 'ok' NOT NULL,
    score numeric(5,2) DEFAULT 0 NOT NULL,
    CONSTRAINT people_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE app.people IS 'People; "people" becomes Person.';

CREATE SEQUENCE app.people_id_seq;

CREATE TABLE app.snapshots (
    id integer DEFAULT nextval('app.snapshots_id_seq'::regclass) NOT NULL,
    person app.people NOT NULL,
    previous app.people,
    CONSTRAINT snapshots_pkey PRIMARY KEY (id)
);

CREATE SEQUENCE app.snapshots_id_seq;

CREATE TABLE app.things (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    name text NOT NULL,
    small smallint,
    medium integer,
    big bigint,
    real_value real,
    double_value double precision,
    flag boolean,
    label character varying(20),
    code character(3),
    sys_name name,
    email citext,
    amount numeric(12,2),
    blob bytea,
    uid uuid,
    day date,
    local_at timestamp without time zone,
    at timestamp with time zone,
    span interval,
    doc json,
    docb jsonb,
    words text[],
    numbers integer[],
    moods app.mood[],
    mood app.mood,
    address app.address,
    positive app.positive_int,
    ip inet,
    class text,
    namespace integer,
    "default" boolean,
    CONSTRAINT things_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE app.things IS 'Every type sqlgen maps, all nullable but the name.';
COMMENT ON COLUMN app.things.name IS 'Required.
Second line of the comment \';

CREATE SEQUENCE app.things_id_seq;

CREATE TABLE reports.entries (
    id bigint DEFAULT nextval('reports.entries_id_seq'::regclass) NOT NULL,
    person_id integer NOT NULL,
    mood app.mood NOT NULL,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT entries_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE reports.entries IS 'Mood log entries; renamed to LogEntry.';

CREATE SEQUENCE reports.entries_id_seq;

-- FUNCTION app.skip_notes() RETURNS trigger
