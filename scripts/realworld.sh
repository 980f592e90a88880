#!/usr/bin/env bash
# The real-world scorer: for every sqlc config of the projects listed in DIR/MANIFEST.tsv
# (repo<TAB>commit<TAB>configs[<TAB>rejected], configs comma-separated and relative to the
# project, rejected the comma-separated names of the project's queries that PostgreSQL rejects
# (written for another engine; checked by hand with PREPARE); each project extracted in
# DIR/<owner>+<name>), on a temp copy of the project:
#   sqlgen init --from-sqlc <config> (which lists queries with errors in skip_queries: those
#   named in the rejected column count as "+n skipped", any other one as a query that failed,
#   and a rejected query init did not skip is named on stderr), sqlgen generate, every
#   generated header and every module's generated .cpp (not the sqlgen_queries.cpp that
#   includes them all) compiled with
#   g++ -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror, and sqlgen verify (every
#   query PREPAREd on PostgreSQL and compared with sqlgen's analysis), and the $n numbering of
#   the SQL sqlgen sends compared with the SQL in the project's sqlc-generated Go files
#   (scripts/sqlc_param_order.py).
# Prints one Markdown table row per config and a total row. DIR is never written to.
#
# Usage: scripts/realworld.sh [DIR]          (DIR default /work/corpus; skipped when absent)
# Environment: SQLGEN (default build/sqlgen), CXX (default g++), REALWORLD_TIMEOUT (seconds per
# step, default 300), REALWORLD_LOGS (keep each step's output there; default: a temp dir that
# is removed), SQLGEN_DATABASE_URL (verify on that server instead of throwaway ones).
# scripts/realworld.tsv lists the projects and pinned commits of the corpus BENCHMARKS.md used.
set -uo pipefail

DIR=${1:-/work/corpus}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SQLGEN=${SQLGEN:-$ROOT/build/sqlgen}
CXX=${CXX:-g++}
STEP_TIMEOUT=${REALWORLD_TIMEOUT:-300}

if [[ ! -d $DIR || ! -f $DIR/MANIFEST.tsv ]]; then
  echo "realworld: no corpus at $DIR (needs $DIR/MANIFEST.tsv): skipped"
  exit 0
fi
if [[ ! -x $SQLGEN ]]; then
  echo "realworld: $SQLGEN not found: build sqlgen first (or set SQLGEN)" >&2
  exit 2
fi
SQLGEN=$(cd "$(dirname "$SQLGEN")" && pwd)/$(basename "$SQLGEN")
DIR=$(cd "$DIR" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sqlgen-realworld.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOGS=${REALWORLD_LOGS:-$WORK/logs}
mkdir -p "$LOGS"
LOGS=$(cd "$LOGS" && pwd)
PQXX_CFLAGS=$(pkg-config --cflags libpqxx 2>/dev/null || true)

have_init=1
"$SQLGEN" init --help >/dev/null 2>&1 || have_init=0

# corpus_configs DIR, corpus_copy and prepare_project (the Lightning projects' migration rewrites).
# shellcheck source=corpus_prepare.sh
source "$ROOT/scripts/corpus_prepare.sh"

# Reads verify's JSON: "queries analyzed agreeing compared".
verify_totals() {
  python3 -c '
import json, sys
try:
    t = json.load(open(sys.argv[1]))["totals"]
    print(t["queries"], t["analyzed"], t["agreeing"], t["compared"])
except Exception:
    print("? ? ? ?")
' "$1"
}

pct() {  # part whole
  if [[ $2 == "?" || $2 -eq 0 ]]; then echo "-"; else
    python3 -c "import sys; p, w = int(sys.argv[1]), int(sys.argv[2]); print(f'{int(p * 10000 // w) / 100:.2f}%')" "$1" "$2"
  fi
}

T_P=0 T_P_OK=0 T_SKIP=0 T_PKG=0 T_PKG_OK=0 T_Q=0 T_Q_OK=0 T_H=0 T_H_OK=0 T_CMP=0 T_AGREE=0
echo "| project | config | packages generated | queries analyzed | files compiling (headers, .cpp) | types agree | \$n as sqlc numbers them |"
echo "|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r repo config skip; do
  if [[ $config == - ]]; then
    echo "| $repo | - | project not extracted at ${repo/\//+} | | | |"
    continue
  fi
  corpus_copy "$DIR" "$WORK" "$LOGS" "$repo" "$config"
  [[ -s $log/prepare.txt ]] && cat "$log/prepare.txt" >&2
  out=$WORK/$slug/out
  pkgs="?" pkgs_ok=0 hdrs=0 hdrs_ok=0
  if [[ $have_init == 0 ]]; then
    echo "| $repo | $config | sqlgen init --from-sqlc not available | | | |"
    continue
  fi
  (cd "$cfg_dir" && timeout "$STEP_TIMEOUT" "$SQLGEN" --color never init --from-sqlc "$(basename "$config")") \
    >"$log/init.out" 2>"$log/init.err"
  init_rc=$?
  pkgs=$(sed -n -E 's/.*\(([0-9]+) modules?\).*/\1/p' "$log/init.out" | head -1)
  if [[ $init_rc -ne 0 || -z $pkgs ]]; then
    echo "| $repo | $config | init failed (exit $init_rc) | | | |"
    continue
  fi
  # The queries init put into skip_queries (its warnings name them), against the manifest's
  # list of queries PostgreSQL rejects.
  mapfile -t init_skipped < <(sed -n -E 's/.*warning: query "([^"]+)" has errors, so init listed it.*/\1/p' "$log/init.err")
  IFS=',' read -r -a rejected_list <<<"${skip:-}"
  skipped=0 unexpected=0
  for name in "${init_skipped[@]}"; do
    if [[ ",${skip:-}," == *",$name,"* ]]; then
      skipped=$((skipped + 1))
    else
      unexpected=$((unexpected + 1))
      echo "realworld: $repo: init skipped $name, which is not listed as rejected by PostgreSQL" >&2
    fi
  done
  for name in "${rejected_list[@]}"; do
    [[ " ${init_skipped[*]} " == *" $name "* ]] ||
      echo "realworld: $repo: $name is listed as rejected by PostgreSQL, but init did not skip it" >&2
  done
  (cd "$cfg_dir" && timeout "$STEP_TIMEOUT" "$SQLGEN" --color never generate --output "$out") \
    >"$log/generate.out" 2>"$log/generate.err"
  echo "generate exit $?" >>"$log/generate.out"
  if [[ -d $out ]]; then
    pkgs_ok=$(find "$out" -mindepth 2 -name queries.hpp | wc -l)
    # Each header included by a translation unit of its own, as a user includes it; each .cpp.
    while IFS= read -r -d '' h; do
      hdrs=$((hdrs + 1))
      echo "#include \"${h#"$out"/}\"" >"$WORK/$slug/tu.cpp"
      if timeout "$STEP_TIMEOUT" "$CXX" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror \
        -I"$out" -I"$ROOT/generator/include" $PQXX_CFLAGS "$WORK/$slug/tu.cpp" \
        >>"$log/compile.txt" 2>&1; then
        hdrs_ok=$((hdrs_ok + 1))
      fi
    done < <(find "$out" \( -name '*.hpp' -o -name '*.cpp' \) ! -name sqlgen_queries.cpp -print0 |
      sort -z)
  fi
  (cd "$cfg_dir" && timeout "$STEP_TIMEOUT" "$SQLGEN" --color never verify --format json) \
    >"$log/verify.json" 2>"$log/verify.err"
  echo "verify exit $?" >>"$log/verify.err"
  read -r q q_ok agree cmp < <(verify_totals "$log/verify.json")
  [[ $q != "?" ]] && q=$((q + unexpected))  # skipped without cause: a query that failed
  # The $n sequence of every query against the SQL sqlc generated (the project's Go files).
  (cd "$cfg_dir" && timeout "$STEP_TIMEOUT" "$SQLGEN" --color never analyze) \
    >"$log/analyze.json" 2>"$log/analyze.err"
  read -r p_ok p_cmp < <(python3 "$ROOT/scripts/sqlc_param_order.py" "$copy" "$log/analyze.json" \
    2>"$log/param_order.txt" || echo "? ?")
  skipped_note=""
  [[ $skipped -gt 0 ]] && skipped_note=" (+$skipped skipped)"
  echo "| $repo | $config | $pkgs_ok/$pkgs | $q_ok/$q$skipped_note | $hdrs_ok/$hdrs | $agree/$cmp ($(pct "$agree" "$cmp")) | $p_ok/$p_cmp |"
  [[ $p_cmp != "?" ]] && T_P=$((T_P + p_cmp)) T_P_OK=$((T_P_OK + p_ok))
  T_PKG=$((T_PKG + pkgs)) T_PKG_OK=$((T_PKG_OK + pkgs_ok)) T_H=$((T_H + hdrs)) T_H_OK=$((T_H_OK + hdrs_ok))
  T_SKIP=$((T_SKIP + skipped))
  if [[ $q != "?" ]]; then
    T_Q=$((T_Q + q)) T_Q_OK=$((T_Q_OK + q_ok)) T_CMP=$((T_CMP + cmp)) T_AGREE=$((T_AGREE + agree))
  fi
done < <(corpus_configs "$DIR")
T_SKIP_NOTE=""
[[ $T_SKIP -gt 0 ]] && T_SKIP_NOTE=" (+$T_SKIP skipped)"
echo "| **total** | | $T_PKG_OK/$T_PKG | $T_Q_OK/$T_Q$T_SKIP_NOTE | $T_H_OK/$T_H | $T_AGREE/$T_CMP ($(pct "$T_AGREE" "$T_CMP")) | $T_P_OK/$T_P |"
[[ -n ${REALWORLD_LOGS:-} ]] && echo "realworld: logs in $LOGS" >&2
exit 0
