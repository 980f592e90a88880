#!/usr/bin/env bash
# A throwaway PostgreSQL for benchmarks that need a running server (the "Generated code vs
# hand-written libpq" benchmark), made the way bench/hand_dump.sh makes its own.
#
#   bench/pg_throwaway.sh start BINDIR PARENT_DIR   prints the new server's dir
#   bench/pg_throwaway.sh stop BINDIR DIR
#
# start: initdb a fresh temp dir under PARENT_DIR (as the postgres user when root: `-U
# postgres --auth=trust -E UTF8 --locale=C --no-sync`), start postgres on a unix socket in
# that dir only (`listen_addresses=''`, `fsync=off`), wait until it accepts connections and
# print the dir; connect with `host=DIR user=postgres dbname=postgres`. stop: fast
# shutdown, then remove the dir.
set -euo pipefail

cmd=$1 bindir=$(realpath "$2")
as_pg() { if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi; }

case $cmd in
  start)
    dir=$(mktemp -d "$3/bench-pg.XXXXXX")
    ((EUID == 0)) && chown postgres: "$dir"
    cd "$dir"  # the postgres user may not be allowed into the caller's directory
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C \
      --no-sync >/dev/null
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
      -o "-c listen_addresses='' -k $dir -c fsync=off" start >/dev/null ||
      { cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
    echo "$dir"
    ;;
  stop)
    dir=$3
    [[ -f $dir/data/PG_VERSION ]] || { echo "pg_throwaway: $dir is no server dir" >&2; exit 1; }
    cd "$dir"
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w -s stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: bench/pg_throwaway.sh start BINDIR PARENT_DIR | stop BINDIR DIR" >&2
    exit 2
    ;;
esac
