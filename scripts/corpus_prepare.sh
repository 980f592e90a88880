# shellcheck shell=bash
# Shared by scripts/realworld.sh and scripts/mutations.sh (sourced): what a project of the
# real-world corpus needs before sqlgen reads it.

# SQLite-flavoured migrations that the Lightning projects rewrite before applying them to
# PostgreSQL: their Go code wraps the migration files in a replacer (postgresSchemaReplacements
# in lnd's sqldb and sqldb/v2, which lightning-terminal uses; tapdb/postgres.go;
# loopdb/postgres.go). The same literal replacements, in the same order; their
# TIMESTAMP -> TIMESTAMP WITHOUT TIME ZONE changes nothing on PostgreSQL and is left out.
prepare_project() {  # repo copy_dir
  local repo=$1 copy=$2
  local -a pairs
  case $repo in
    lightningnetwork/lnd | lightninglabs/lightning-terminal)
      pairs=("BLOB" "BYTEA" "INTEGER PRIMARY KEY" "BIGSERIAL PRIMARY KEY") ;;
    lightninglabs/taproot-assets)
      pairs=("BLOB" "BYTEA" "INTEGER PRIMARY KEY" "BIGSERIAL PRIMARY KEY" "UNHEX" "DECODE") ;;
    lightninglabs/loop)
      pairs=("BLOB" "BYTEA" "INTEGER PRIMARY KEY" "SERIAL PRIMARY KEY"
        "group_concat(hex(substr(outpoint_txid,32+1-i,1)),'')"
        "string_agg(lpad(to_hex(get_byte(outpoint_txid, 32 - i)), 2, '0'), '')") ;;
    *) return 0 ;;
  esac
  local n
  n=$(find "$copy" -path '*/migrations*' -name '*.sql' -print0 | python3 -c '
import sys
pairs = sys.argv[1:]
files = [f for f in sys.stdin.buffer.read().decode().split("\0") if f]
for f in files:
    text = open(f, encoding="utf-8").read()
    for old, new in zip(pairs[::2], pairs[1::2]):
        text = text.replace(old, new)
    open(f, "w", encoding="utf-8").write(text)
print(len(files))
' "${pairs[@]}")
  local what="" i
  for ((i = 0; i < ${#pairs[@]}; i += 2)); do
    what+="${what:+; }${pairs[i]} -> ${pairs[i + 1]}"
  done
  echo "${CORPUS_TAG:-realworld}: $repo: $n migration files rewritten for PostgreSQL as the project's own code" \
    "does: $what" >&2
}
