#!/usr/bin/env bash
# Runs the libFuzzer targets of a fuzz build one after the other, each for SECONDS, and prints
# per target the executions and libFuzzer's final coverage (cov: edges, ft: features), then the
# total. An input taking more than 1 s is a hang (-timeout=1); leaks are reported
# (-detect_leaks=1, LeakSanitizer). Exits 1 when a target found a crash, hang or leak (the
# input is saved under <build>/artifacts/<target>/), 77 when the build has no fuzz targets.
#
# Usage: fuzz/run.sh <build dir> <seconds> [--smoke] [target...]
#   default targets: all seven (fuzz/CMakeLists.txt); --smoke: the seed corpus is read but
#   nothing is added to it (new inputs go to a temp dir), for the ctest smoke run.
# Logs: <build>/fuzz-logs/<target>.log.
set -euo pipefail
build=${1:?usage: run.sh <build dir> <seconds> [--smoke] [target...]}
seconds=${2:?usage: run.sh <build dir> <seconds> [--smoke] [target...]}
shift 2
smoke=0
if [[ ${1:-} == --smoke ]]; then
  smoke=1
  shift
fi
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(config sqlc_import query_file migration_file catalog analyze template)
fi
here=$(cd "$(dirname "$0")" && pwd)
given=$build
build=$(cd "$given" 2>/dev/null && pwd) || { echo "run.sh: no build dir $given (make fuzz)"; exit 77; }

dict_of() {
  case $1 in
    config | sqlc_import) echo "$here/dict/yaml.dict" ;;
    template) echo "$here/dict/mustache.dict" ;;
    *) echo "$here/dict/sql.dict" ;;
  esac
}

# Longest input tried (longer seeds are used cut to it): short inputs run many times faster,
# and the readers' bugs show in a few lines; statements for the parser and analyzer, templates
# for the renderer need more room.
max_len_of() {
  case $1 in
    template) echo 8192 ;;
    catalog | analyze) echo 4096 ;;
    *) echo 1024 ;;
  esac
}

for t in "${targets[@]}"; do
  if [[ ! -x $build/fuzz/fuzz_$t ]]; then
    echo "run.sh: $build/fuzz/fuzz_$t not built (make fuzz)"
    exit 77
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqlgen-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$build/fuzz-logs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
for s in llvm-symbolizer-15 llvm-symbolizer; do  # stack traces with function names and lines
  if command -v "$s" >/dev/null; then
    export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v "$s")}
    break
  fi
done
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

total=0
failed=()
printf '%-16s %12s %8s %8s %s\n' target executions cov ft result
for t in "${targets[@]}"; do
  log=$build/fuzz-logs/$t.log
  artifacts=$build/artifacts/$t
  mkdir -p "$artifacts" "$build/corpus/$t"
  corpus=("$build/corpus/$t")
  if [[ $smoke == 1 ]]; then
    mkdir -p "$tmp/$t"
    corpus=("$tmp/$t" "$build/corpus/$t")
  fi
  rc=0
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=1 -detect_leaks=1 \
    -print_final_stats=1 -max_len="$(max_len_of "$t")" -dict="$(dict_of "$t")" -artifact_prefix="$artifacts/" \
    "${corpus[@]}" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  result=ok
  if [[ $rc != 0 ]]; then
    result="FAILED (exit $rc; $log)"
    failed+=("$t")
  fi
  printf '%-16s %12s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$result"
  total=$((total + ${execs:-0}))
done
printf '%-16s %12s\n' total "$total"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "run.sh: findings in: ${failed[*]} (inputs under $build/artifacts/)"
  exit 1
fi
