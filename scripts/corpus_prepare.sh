# shellcheck shell=bash
# Shared by scripts/realworld.sh and scripts/mutations.sh (sourced): the corpus's configs, a
# prepared copy of a project, and what a project needs before sqlgen reads it.

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

# The manifest's sqlc configs, one line each: repo<TAB>config<TAB>rejected (the manifest's
# comma-separated names of queries PostgreSQL rejects). A project not extracted under DIR is
# one line with config "-".
corpus_configs() {  # dir
  local dir=$1 repo _commit configs rejected config
  local -a config_list
  while IFS=$'\t' read -r repo _commit configs rejected; do
    [[ $repo == repo || -z $repo ]] && continue
    if [[ ! -d $dir/${repo/\//+} ]]; then
      printf '%s\t-\t\n' "$repo"
      continue
    fi
    IFS=',' read -r -a config_list <<<"$configs"
    for config in "${config_list[@]}"; do
      printf '%s\t%s\t%s\n' "$repo" "$config" "${rejected:-}"
    done
  done <"$dir/MANIFEST.tsv"
}

# A fresh copy of REPO's project for CONFIG under WORK, prepared (prepare_project, its report
# in LOGS/<slug>/prepare.txt). Sets slug, copy (the project), log (its log dir) and cfg_dir
# (the config's directory in the copy).
# shellcheck disable=SC2034  # slug, copy, log and cfg_dir are for the caller
corpus_copy() {  # dir work logs repo config
  local dir=$1 work=$2 logs=$3 repo=$4 config=$5
  slug=$(echo "${repo}_${config}" | tr '/.' '__')
  copy=$work/$slug/project
  log=$logs/$slug
  mkdir -p "$copy" "$log"
  cp -a "$dir/${repo/\//+}/." "$copy/"
  prepare_project "$repo" "$copy" 2>>"$log/prepare.txt"
  cfg_dir=$copy/$(dirname "$config")
}
