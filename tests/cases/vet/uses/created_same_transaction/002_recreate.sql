-- The recreate pattern: the new type's values are usable at once.

-- +goose Up
CREATE TYPE ai.kind_new AS ENUM ('a', 'b', 'c');
ALTER TABLE ai.t ALTER COLUMN k DROP DEFAULT;
ALTER TABLE ai.t ALTER COLUMN k TYPE ai.kind_new USING k::text::ai.kind_new;
DROP TYPE ai.kind;
ALTER TYPE ai.kind_new RENAME TO kind;
ALTER TABLE ai.t ALTER COLUMN k SET DEFAULT 'b';
UPDATE ai.t SET k = 'c' WHERE k = 'b';

-- +goose Down
SELECT 1;
