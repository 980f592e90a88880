#!/usr/bin/env bash
# Checks that a generated corpus is valid for a real PostgreSQL 15: starts a
# throwaway server (unix socket only, as the `postgres` user when run as
# root), applies every `-- +goose Up` section in file order in one
# transaction with ON_ERROR_STOP, and removes the server again.
#
#   bench/verify_pg.sh [CORPUS_DIR]      (default: build/bench/corpus)
#
# With VERIFY_PG_DUMP=FILE it also writes every table column (schema, table,
# column, format_type, not null, has default; tab-separated) to FILE.
#
# A development aid for bench/gen_corpus.py; `make bench` does not run it.
set -euo pipefail

cd "$(dirname "$0")/.."
corpus=${1:-build/bench/corpus}
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
[[ -d $corpus ]] || { echo "verify_pg: no corpus at $corpus" >&2; exit 2; }

work=$(mktemp -d /tmp/sqlgen-verify-pg.XXXXXX)
chmod 755 "$work"
as_pg=()
if [[ $(id -u) == 0 ]]; then
  chown postgres: "$work"
  as_pg=(runuser -u postgres --)
fi
pid=
cleanup() {
  if [[ -n $pid ]]; then
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The Up sections, in file order (names are zero-padded, so sort is numeric).
python3 - "$corpus" "$work/up.sql" <<'EOF'
import os, sys
corpus, out = sys.argv[1], sys.argv[2]
with open(out, "w") as f:
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".sql"):
            continue
        text = open(os.path.join(corpus, name)).read()
        up = text.split("-- +goose Up", 1)[1].split("-- +goose Down", 1)[0]
        f.write(f"\\echo {name}\n{up}\n")
EOF
chmod 644 "$work/up.sql"

"${as_pg[@]}" "$bindir/initdb" -D "$work/data" -A trust -U postgres --no-sync >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-c listen_addresses='' -k $work -p 54329 -c fsync=off" start >/dev/null
pid=started

"${as_pg[@]}" "$bindir/psql" -h "$work" -p 54329 -U postgres -d postgres -X -q \
  --single-transaction -v ON_ERROR_STOP=1 -f "$work/up.sql" >"$work/psql.out" 2>&1 || {
  tail -n 5 "$work/psql.out" >&2
  echo "verify_pg: FAILED" >&2
  exit 1
}
summary=$("${as_pg[@]}" "$bindir/psql" -h "$work" -p 54329 -U postgres -d postgres -X -A -t -c \
  "SELECT count(*) FILTER (WHERE c.relkind = 'r') || ' tables, ' ||
          count(*) FILTER (WHERE c.relkind = 'i') || ' indexes'
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')")
if [[ -n ${VERIFY_PG_DUMP:-} ]]; then
  # schema, table, column, format_type, not null, has default: for comparing
  # with `sqlgen schema` output.
  "${as_pg[@]}" "$bindir/psql" -h "$work" -p 54329 -U postgres -d postgres -X -A -t -F $'\t' -c \
    "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
            a.attnotnull, a.atthasdef
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
       AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     ORDER BY 1, 2, a.attnum" >"$VERIFY_PG_DUMP"
fi
echo "verify_pg: all Up sections of $corpus applied ($summary)"
