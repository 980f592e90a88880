-- name: RelationsInSchema :many
SELECT c.relname, n.nspname, c.relkind, c.reltuples
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1;

-- name: RelationsUnqualified :many
SELECT c.oid, c.relname, c.relacl FROM pg_class c WHERE c.relnamespace = $1::regnamespace;

-- name: AttributesOf :many
SELECT a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.attnum,
       format_type(a.atttypid, a.atttypmod) AS type_text
FROM pg_attribute a
WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;

-- name: TypesInSchema :many
SELECT t.oid, t.typname, t.typtype, t.typlen, t.typarray
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = @schema;

-- name: EnumLabels :many
SELECT e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
WHERE t.typname = $1 ORDER BY e.enumsortorder;

-- name: IndexesOf :many
SELECT schemaname, indexname, indexdef FROM pg_indexes WHERE tablename = $1;

-- name: TablesOf :many
SELECT schemaname, tablename, tableowner, hasindexes FROM pg_catalog.pg_tables WHERE schemaname = $1;

-- name: Setting :one
SELECT name, setting, unit, boot_val FROM pg_settings WHERE name = $1;

-- name: Activity :many
SELECT pid, datname, state, query, backend_start FROM pg_stat_activity WHERE usename = $1;

-- name: ColumnsOf :many
SELECT column_name, data_type, is_nullable, ordinal_position, character_maximum_length,
       column_default, udt_name, is_identity
FROM information_schema.columns
WHERE table_schema = $1 AND table_name = $2
ORDER BY ordinal_position;

-- name: TablesInSchema :many
SELECT table_schema, table_name, table_type FROM information_schema.tables
WHERE table_schema = @schema ORDER BY table_name;

-- name: KeyColumns :many
SELECT kcu.column_name, kcu.ordinal_position, tc.constraint_type
FROM information_schema.table_constraints tc
JOIN information_schema.key_column_usage kcu
  ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
WHERE tc.table_name = $1;

-- name: Similar :many
SELECT id, name, similarity(name, $1) AS score, name <-> $1 AS distance,
       word_similarity($1, name) AS word_score
FROM places WHERE name % $1 ORDER BY name <-> $1 LIMIT $2;

-- name: Trigrams :one
SELECT show_trgm($1) AS trigrams, show_limit() AS lim;

-- name: Unaccented :many
SELECT id, unaccent(name) AS plain, unaccent('unaccent', name) AS plain2 FROM places
WHERE unaccent(name) ILIKE unaccent($1);

-- name: Fuzzy :many
SELECT id, levenshtein(name, $1) AS dist, soundex(name) AS sx, dmetaphone(name) AS dm,
       difference(name, $1) AS diff
FROM places;

-- name: NearestIds :many
SELECT id, id <-> $1 AS gap FROM places ORDER BY id <-> $1 LIMIT 5;

-- name: Nearby :many
SELECT id, earth_distance(ll_to_earth(lat, lng), ll_to_earth($1, $2)) AS meters
FROM places
WHERE earth_box(ll_to_earth($1, $2), $3) @> ll_to_earth(lat, lng);

-- name: CubeDistance :many
SELECT id, cube_distance(box, $1) AS d, cube_dim(box) AS dims, box <-> cube(lat, lng) AS d2
FROM places WHERE box && $1;

-- name: IntArrays :many
SELECT id, icount(tags) AS n, sort(tags) AS sorted, uniq(sort(tags)) AS distinct_tags,
       tags & $1::int[] AS common, idx(tags, $2) AS position
FROM places WHERE tags @@ $3::query_int;

-- name: Attrs :many
SELECT id, attrs -> $1 AS value, akeys(attrs) AS keys FROM places WHERE attrs ? $1;

-- name: ByIsbn :one
SELECT id, isbn FROM places WHERE isbn = $1;

-- name: Spans :many
SELECT id, span FROM places WHERE span OPERATOR(ext.&&) $1::ext.seg;

-- name: RandomNormals :many
SELECT * FROM normal_rand($1, 5, 3);

-- name: NewUuid :one
SELECT ext.uuid_generate_v4() AS id, ext.uuid_generate_v5(ext.uuid_ns_url(), $1) AS named;

-- name: TopStatements :many
SELECT query, calls, total_exec_time, rows FROM pg_stat_statements
ORDER BY total_exec_time DESC LIMIT $1;
