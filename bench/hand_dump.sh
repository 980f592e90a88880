#!/usr/bin/env bash
# The hand pipeline of the "Schema dump" benchmark: what a user would script
# to get a schema dump of their migrations without sqlgen.
#
#   bench/hand_dump.sh BINDIR UP_SQL OUT [PARENT_DIR]
#
# initdb a fresh temp dir under PARENT_DIR (default $TMPDIR or /tmp), start
# postgres on a unix socket in it, wait until it accepts connections, run
# UP_SQL (from bench/goose_up.py) with psql in one transaction, pg_dump the
# schema to OUT, stop the server and remove the dir. Run as root: initdb and
# the server run as the postgres user through runuser, psql and pg_dump as
# root over the socket (trust auth). Silent on success, so bench/timeit.py
# can time it; any output on stderr or a non-zero exit is a failure.
set -euo pipefail

bindir=$(realpath "$1") up_sql=$(realpath "$2") out=$(realpath -m "$3") parent=${4:-${TMPDIR:-/tmp}}

dir=$(mktemp -d "$parent/bench-hand.XXXXXX")
server=""
cleanup() {
  if [[ -n $server ]]; then
    # Fast shutdown; runuser exits when postgres does.
    if [[ -n ${pgpid:-} ]]; then kill -INT "$pgpid"; else kill -TERM "$server"; fi 2>/dev/null || true
    wait "$server" || { echo "hand_dump: postgres exited $?" >&2; cat "$dir/server.log" >&2; }
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
chown postgres: "$dir"
cd "$dir"  # the postgres user may not be allowed into the caller's directory

runuser -u postgres -- "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
  -E UTF8 --locale=C --no-sync >/dev/null

runuser -u postgres -- "$bindir/postgres" -D "$dir/data" -c listen_addresses='' -k "$dir" \
  -c fsync=off >"$dir/server.log" 2>&1 &
server=$!

# Ready when pg_isready says so (every 10 ms, for up to 30 s).
for ((i = 0; ; i++)); do
  "$bindir/pg_isready" -q -h "$dir" -U postgres -d postgres && break
  if ((i >= 3000)) || ! kill -0 "$server" 2>/dev/null; then
    echo "hand_dump: the server did not start" >&2
    cat "$dir/server.log" >&2
    exit 1
  fi
  sleep 0.01
done
pgpid=$(head -n1 "$dir/data/postmaster.pid")

"$bindir/psql" -X -q -h "$dir" -U postgres -d postgres -v ON_ERROR_STOP=1 --single-transaction \
  -f "$up_sql" >/dev/null
"$bindir/pg_dump" --schema-only --no-owner --no-privileges -h "$dir" -U postgres -d postgres \
  -f "$out"
