#!/usr/bin/env bash
# Acceptance agreement on mutated real-world queries: for every sqlc config of the projects
# listed in DIR/MANIFEST.tsv (the corpus of scripts/realworld.sh: repo<TAB>commit<TAB>configs
# [<TAB>rejected], each project extracted in DIR/<owner>+<name>), on a temp copy of the project:
#   sqlgen init --from-sqlc <config>; every query file of every module (as `sqlgen analyze`
#   lists them) gets the mutants sqlgen_mutate (bench/mutate.cpp) makes of its queries appended
#   (`<Name>M<k>`, one edit each: a GROUP BY item dropped, a value added to an INSERT, ...);
#   sqlgen verify --all --format json PREPAREs every query, those sqlgen rejects too.
# A mutant counts when PostgreSQL and sqlgen both accepted its original (the others measure the
# original's problem again). Prints one Markdown row per config (mutants, PostgreSQL rejects,
# sqlgen rejects, both reject, both accept, agreement) and a total row, then the totals per
# mutation operator. DIR is never written to.
#
# Usage: scripts/mutations.sh [DIR]          (DIR default /work/corpus; skipped when absent)
# Environment: SQLGEN (default build/sqlgen), MUTATE (default build/sqlgen_mutate),
# MUTATIONS_TIMEOUT (seconds per step, default 600), MUTATIONS_LOGS (keep each config's output
# and disagreements.tsv, every disagreement with both messages, there; default: a temp dir that
# is removed), SQLGEN_DATABASE_URL (verify on that server instead of throwaway ones).
set -uo pipefail

DIR=${1:-/work/corpus}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SQLGEN=${SQLGEN:-$ROOT/build/sqlgen}
MUTATE=${MUTATE:-$ROOT/build/sqlgen_mutate}
STEP_TIMEOUT=${MUTATIONS_TIMEOUT:-600}
export CORPUS_TAG=mutations

if [[ ! -d $DIR || ! -f $DIR/MANIFEST.tsv ]]; then
  echo "mutations: no corpus at $DIR (needs $DIR/MANIFEST.tsv): skipped"
  exit 0
fi
for tool in "$SQLGEN" "$MUTATE"; do
  if [[ ! -x $tool ]]; then
    echo "mutations: $tool not found: build sqlgen first (or set SQLGEN / MUTATE)" >&2
    exit 2
  fi
done
SQLGEN=$(cd "$(dirname "$SQLGEN")" && pwd)/$(basename "$SQLGEN")
MUTATE=$(cd "$(dirname "$MUTATE")" && pwd)/$(basename "$MUTATE")
DIR=$(cd "$DIR" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sqlgen-mutations.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOGS=${MUTATIONS_LOGS:-$WORK/logs}
mkdir -p "$LOGS"
LOGS=$(cd "$LOGS" && pwd)
: >"$LOGS/disagreements.tsv"

# corpus_configs DIR, corpus_copy and prepare_project (the Lightning projects' migration rewrites).
# shellcheck source=corpus_prepare.sh
source "$ROOT/scripts/corpus_prepare.sh"

# The query files of `sqlgen analyze`'s JSON, once each, relative to the config's directory.
query_files() {  # analyze.json
  python3 -c '
import json, sys
try:
    queries = json.load(open(sys.argv[1]))["queries"]
except Exception:
    queries = []
seen = []
for q in queries:
    if q["file"] not in seen:
        seen.append(q["file"])
print("\0".join(seen), end="")
' "$1"
}

echo "| project | config | mutants | PostgreSQL rejects | sqlgen rejects | both reject | both accept | agreement |"
echo "|---|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r repo config _; do
  if [[ $config == - ]]; then
    echo "| $repo | - | project not extracted at ${repo/\//+} | | | | | |"
    continue
  fi
  corpus_copy "$DIR" "$WORK" "$LOGS" "$repo" "$config"
  (cd "$cfg_dir" && timeout "$STEP_TIMEOUT" "$SQLGEN" --color never init --from-sqlc "$(basename "$config")") \
    >"$log/init.out" 2>"$log/init.err"
  init_rc=$?
  if [[ $init_rc -ne 0 ]]; then
    echo "| $repo | $config | init failed (exit $init_rc) | | | | | |"
    continue
  fi
  (cd "$cfg_dir" && timeout "$STEP_TIMEOUT" "$SQLGEN" --color never analyze) \
    >"$log/analyze.json" 2>"$log/analyze.err"
  mapfile -d '' -t files < <(query_files "$log/analyze.json")
  if [[ ${#files[@]} -eq 0 ]]; then
    echo "| $repo | $config | no query analyzed | | | | | |"
    continue
  fi
  (cd "$cfg_dir" && "$MUTATE" --append --ops "$log/ops.tsv" "${files[@]}") 2>"$log/mutate.err"
  (cd "$cfg_dir" && timeout "$STEP_TIMEOUT" "$SQLGEN" --color never verify --all --format json) \
    >"$log/verify.json" 2>"$log/verify.err"
  echo "verify exit $?" >>"$log/verify.err"
  read -r n pg sg both accept agreement left_out < <(python3 "$ROOT/scripts/mutations_score.py" \
    "$repo $config" "$log/ops.tsv" "$log/verify.json" "$LOGS/disagreements.tsv" "$WORK/ops.jsonl" \
    2>>"$log/score.err" || echo "? ? ? ? ? - ?")
  echo "$n $pg $sg $both $accept" >>"$WORK/rows.txt"
  echo "| $repo | $config | $n | $pg | $sg | $both | $accept | $agreement |"
  [[ $left_out != "0" ]] &&
    echo "mutations: $repo $config: $left_out mutants left out (their original is not accepted by both)" >&2
done < <(corpus_configs "$DIR")
python3 "$ROOT/scripts/mutations_score.py" --totals "$WORK/rows.txt" "$WORK/ops.jsonl"
[[ -n ${MUTATIONS_LOGS:-} ]] && echo "mutations: logs in $LOGS" >&2
exit 0
