#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb into a temporary directory, a server
# on a free loopback port (trust authentication, loopback only), DATABASE_URL exported for the
# command, and the cluster stopped and deleted when the command ends, however it ends.
#
#   scripts/with-postgres.sh npm test
#   scripts/with-postgres.sh npx jest test/storage
#
# The server runs as the `postgres` user when started as root (initdb refuses root), as the
# current user otherwise. Needs the server binaries (Debian: apt-get install postgresql).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir)"
    if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  fi
  # Debian keeps the server binaries out of PATH, one directory per major version: take the newest.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  done
  return 1
}

BIN="$(pg_bindir)" || { echo "$0: PostgreSQL server binaries (initdb, pg_ctl) not found; install the postgresql package" >&2; exit 1; }
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
CLUSTER="$(mktemp -d "${TMPDIR:-/tmp}/starttls-pg-XXXXXX")"

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
  as_owner "$BIN/pg_ctl" -D "$CLUSTER/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$CLUSTER"
}
trap stop_cluster EXIT

if [ "$(id -u)" -eq 0 ]; then chown postgres: "$CLUSTER"; fi
as_owner "$BIN/initdb" -D "$CLUSTER/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$CLUSTER/initdb.log" 2>&1 \
  || { cat "$CLUSTER/initdb.log" >&2; echo "$0: initdb failed" >&2; exit 1; }
# Sockets in the cluster's own directory: /var/run/postgresql may not exist or be writable.
as_owner "$BIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $CLUSTER -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { cat "$CLUSTER/server.log" >&2; echo "$0: the PostgreSQL server did not start" >&2; exit 1; }

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "$0: $("$BIN/postgres" --version) on 127.0.0.1:$PORT, DATABASE_URL exported" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
