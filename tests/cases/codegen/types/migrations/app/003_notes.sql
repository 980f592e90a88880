-- +goose Up
-- A BEFORE INSERT trigger that skips some rows: an INSERT ... RETURNING of one row then returns
-- none, and the generated function (which returns the row without std::optional) throws
-- sqlgen::runtime::no_row.
CREATE TABLE app.notes (
    id   serial PRIMARY KEY,
    body text NOT NULL
);

-- +goose StatementBegin
CREATE FUNCTION app.skip_notes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.body = 'skip' THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER notes_skip BEFORE INSERT ON app.notes
  FOR EACH ROW EXECUTE FUNCTION app.skip_notes();

-- +goose Down
DROP TABLE app.notes;
DROP FUNCTION app.skip_notes();
