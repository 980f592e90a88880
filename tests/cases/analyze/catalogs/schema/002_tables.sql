CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

CREATE TABLE places (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  lat double precision NOT NULL,
  lng double precision NOT NULL,
  box cube,
  tags int[] NOT NULL DEFAULT '{}',
  attrs hstore,
  isbn isbn13,
  mood mood,
  span ext.seg,
  during tstzrange NOT NULL,
  EXCLUDE USING gist (id WITH =, during WITH &&)
);
CREATE INDEX places_name_trgm ON places USING gin (name gin_trgm_ops);
