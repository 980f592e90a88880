#!/usr/bin/env bash
# `make check`: the quick checks (under a minute once built): formatting of
# C++ sources, and that generated output is up to date with the inputs.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

# 1. Formatting (clang-format from .clang-format).
if command -v clang-format >/dev/null 2>&1; then
  unformatted=$(git ls-files '*.cpp' '*.hpp' | while read -r f; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"
  done)
  if [ -n "$unformatted" ]; then
    echo "check: these files need \`make fmt\`:"
    echo "$unformatted" | sed 's/^/  /'
    status=1
  fi
else
  echo "check: clang-format not installed (make deps), formatting not checked"
fi

# 2. Generated output up to date: regenerate into a temp dir and compare.
if [ -x build/sqlgen ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # Generated C++ and generated/catalog.sql: regenerated in memory and compared.
  if ! build/sqlgen generate --check >"$tmp/gen.diff" 2>&1; then
    echo "check: generated/ is stale (run \`make gen\`):"
    head -40 "$tmp/gen.diff"
    status=1
  fi
  # The schema dump: migrations applied to a throwaway PostgreSQL in one
  # transaction, pg_dump'ed and normalized, must equal the committed one.
  if ! build/sqlgen dump --check >"$tmp/dump.diff" 2>&1; then
    echo "check: generated/schema.sql drifted from the migrations (run \`make gen\`):"
    head -40 "$tmp/dump.diff"
    status=1
  fi
else
  echo "check: build/sqlgen not built (make build), generated output not checked"
fi
exit $status
