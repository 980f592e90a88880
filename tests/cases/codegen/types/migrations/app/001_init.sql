-- +goose Up
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE SCHEMA app;

CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy', 'the end');
CREATE TYPE app.address AS (street text, zip text, lines text[]);
CREATE DOMAIN app.positive_int AS integer CHECK (VALUE > 0);

CREATE TABLE app.things (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL,
    small        smallint,
    medium       integer,
    big          bigint,
    real_value   real,
    double_value double precision,
    flag         boolean,
    label        varchar(20),
    code         char(3),
    sys_name     name,
    email        public.citext,
    amount       numeric(12,2),
    blob         bytea,
    uid          uuid,
    day          date,
    local_at     timestamp,
    at           timestamptz,
    span         interval,
    doc          json,
    docb         jsonb,
    words        text[],
    numbers      integer[],
    moods        app.mood[],
    mood         app.mood,
    address      app.address,
    positive     app.positive_int,
    ip           inet,
    "class"      text,
    "namespace"  integer,
    "default"    boolean
);

CREATE TABLE app.categories (
    id        serial PRIMARY KEY,
    title     text NOT NULL,
    parent_id integer REFERENCES app.categories (id)
);

CREATE TABLE app.people (
    id          serial PRIMARY KEY,
    name        text NOT NULL,
    category_id integer REFERENCES app.categories (id),
    mood        app.mood NOT NULL DEFAULT 'ok',
    score       numeric(5,2) NOT NULL DEFAULT 0
);

CREATE VIEW app.happy_people AS
SELECT id, name FROM app.people WHERE mood = 'happy';

COMMENT ON TYPE app.mood IS 'How a person feels.';
COMMENT ON TYPE app.address IS 'A postal address.';
COMMENT ON TABLE app.things IS 'Every type sqlgen maps, all nullable but the name.';
COMMENT ON COLUMN app.things.name IS 'Required.
Second line of the comment \';
COMMENT ON TABLE app.people IS 'People; "people" becomes Person.';

-- +goose Down
DROP VIEW app.happy_people;
DROP TABLE app.people;
DROP TABLE app.categories;
DROP TABLE app.things;
DROP DOMAIN app.positive_int;
DROP TYPE app.address;
DROP TYPE app.mood;
DROP SCHEMA app;
