#!/usr/bin/env bash
# Installs sqlgen from a build dir into a temporary prefix, then configures and
# builds tests/cmake/downstream (a copy, in a temp dir) against it with
# find_package(sqlgen) and sqlgen_generate(), and checks that:
#   - the build ran `sqlgen generate` (generated/catalog.sql holds the table,
#     generated/notes/queries.hpp the queries);
#   - the app, which includes the generated headers, compiles with -Werror,
#     links libpqxx and nlohmann_json, and runs;
#   - a build with nothing changed does nothing;
#   - adding a migration, and editing one, regenerate on the next build, which
#     also recompiles the app (its notes::Note gains the new columns);
#   - OUTPUT_DIR puts the output in the build tree (when the installed sqlgen
#     has `generate --output`).
# Usage: run_downstream.sh <sqlgen build dir> <sqlgen source dir> [c++ compiler] [cmake]
# Run by ctest as `downstream_find_package`. SQLGEN_DOWNSTREAM_KEEP=1 keeps
# the temp dir.
set -euo pipefail

build_dir=$(cd "${1:?usage: run_downstream.sh <build dir> <source dir> [cxx] [cmake]}" && pwd)
source_dir=$(cd "${2:?usage: run_downstream.sh <build dir> <source dir> [cxx] [cmake]}" && pwd)
cxx=${3:-}
cmake=${4:-cmake}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqlgen-downstream.XXXXXX")
# SQLGEN_DOWNSTREAM_KEEP=1 keeps the temp dir (logs, builds) for debugging.
cleanup() {
  if [[ ${SQLGEN_DOWNSTREAM_KEEP:-} == 1 ]]; then
    echo "run_downstream: kept $tmp"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "run_downstream: FAIL: $*" >&2
  exit 1
}
step() { echo "run_downstream: $*"; }

prefix=$tmp/prefix
src=$tmp/src
bld=$tmp/build

step "install $build_dir into $prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" >"$tmp/install.log" ||
  { cat "$tmp/install.log"; fail "cmake --install"; }
for f in bin/sqlgen lib/cmake/sqlgen/sqlgenConfig.cmake lib/cmake/sqlgen/sqlgenConfigVersion.cmake \
  lib/cmake/sqlgen/sqlgenTargets.cmake lib/cmake/sqlgen/SqlgenGenerate.cmake; do
  [[ -e $prefix/$f ]] || fail "not installed: $f"
done

cp -R "$source_dir/tests/cmake/downstream" "$src"
# The config's `templates:` (default `templates`, next to sqlgen.yaml) is where
# the generator reads its mustache templates: give the project the installed ones.
[[ -d $prefix/share/sqlgen/templates ]] || fail "not installed: share/sqlgen/templates"
cp -R "$prefix/share/sqlgen/templates" "$src/templates"
configure_args=(-G Ninja -DCMAKE_PREFIX_PATH="$prefix")
if [[ -n $cxx ]]; then configure_args+=(-DCMAKE_CXX_COMPILER="$cxx"); fi

build() { # build <build dir> <log name>
  "$cmake" --build "$1" >"$tmp/$2.log" 2>&1 || { cat "$tmp/$2.log"; fail "build ($2)"; }
}
expect_in() { # expect_in <file> <regex> <what>
  [[ -f $1 ]] || fail "$3: $1 was not written"
  grep -Eq "$2" "$1" || { cat "$1"; fail "$3: $1 lacks /$2/"; }
}

step "configure and build the downstream project"
"$cmake" -S "$src" -B "$bld" "${configure_args[@]}" >"$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log"; fail "configure"; }
build "$bld" build1
catalog=$src/generated/catalog.sql
expect_in "$catalog" 'CREATE TABLE notes\.notes' "first build"
expect_in "$src/generated/notes/queries.hpp" 'class Queries' "first build"
run_app() { # run_app <app> <expected number of notes.notes columns> <what>
  "$1" >"$tmp/app.out" || { cat "$tmp/app.out"; fail "$3: app exited non-zero"; }
  expect_in "$tmp/app.out" '"pqxx":"42"' "$3"
  expect_in "$tmp/app.out" "\"note_columns\":$2[,}]" "$3"
}
run_app "$bld/app" 4 "first build"

step "rebuild with nothing changed"
build "$bld" build2
# Ninja may re-run CMake once when the first build created new generated files
# (the output directory is globbed); after that, nothing must run.
build "$bld" build3
grep -q 'no work to do' "$tmp/build3.log" || { cat "$tmp/build3.log"; fail "no-op build did work"; }

step "add a migration, then edit it"
printf '\n-- +goose Up\nALTER TABLE notes.notes ADD COLUMN pinned boolean NOT NULL DEFAULT false;\n' \
  >"$src/migrations/notes/002_pinned.sql"
build "$bld" build4
expect_in "$catalog" 'pinned' "after adding a migration"
# One build regenerates the header and recompiles what includes it.
run_app "$bld/app" 5 "after adding a migration"
printf 'ALTER TABLE notes.notes ADD COLUMN archived_at timestamptz;\n' \
  >>"$src/migrations/notes/002_pinned.sql"
build "$bld" build5
expect_in "$catalog" 'archived_at' "after editing a migration"
run_app "$bld/app" 6 "after editing a migration"
build "$bld" build6
grep -q 'no work to do' "$tmp/build6.log" || { cat "$tmp/build6.log"; fail "no-op build did work"; }

if "$prefix/bin/sqlgen" generate --help 2>/dev/null | grep -q -- '--output'; then
  step "OUTPUT_DIR in the build tree"
  rm -rf "$src/generated"
  out=$tmp/build-out/gen
  "$cmake" -S "$src" -B "$tmp/build-out" "${configure_args[@]}" -DDOWNSTREAM_OUTPUT_DIR="$out" \
    >"$tmp/configure-out.log" 2>&1 || { cat "$tmp/configure-out.log"; fail "configure (OUTPUT_DIR)"; }
  build "$tmp/build-out" build-out
  expect_in "$out/catalog.sql" 'archived_at' "OUTPUT_DIR"
  [[ ! -e $src/generated ]] || fail "OUTPUT_DIR given, but the config's output dir was written"
  run_app "$tmp/build-out/app" 6 "OUTPUT_DIR"
else
  step "installed sqlgen has no \`generate --output\`: OUTPUT_DIR not exercised"
fi

step "ok"
