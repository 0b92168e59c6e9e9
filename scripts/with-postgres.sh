#!/usr/bin/env bash
# Runs a command with PORTAL_TEST_DATABASE_URL pointing at a throwaway PostgreSQL cluster: made in a
# temporary folder, listening on 127.0.0.1 on a free port, stopped and removed when the command ends.
# Where no PostgreSQL server binaries are installed (Debian: apt-get install postgresql), it says so
# and runs the command without it; portal/postgres.test.ts then reports itself skipped. In CI (CI=true)
# or with PORTAL_TEST_REQUIRE_POSTGRES=1 a missing server is a failure instead: that run is meant to have one.
set -euo pipefail
if [ -n "${PORTAL_TEST_DATABASE_URL:-}" ]; then exec "$@"; fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  if [ "${CI:-}" = "true" ] || [ "${PORTAL_TEST_REQUIRE_POSTGRES:-}" = "1" ]; then
    # The command still runs (its other tests count), but the run fails.
    echo "with-postgres: no PostgreSQL server found under /usr/lib/postgresql, and this run needs one (apt-get install postgresql)" >&2
    "$@" || true
    echo "with-postgres: failed: no PostgreSQL server for a run that needs one" >&2
    exit 1
  fi
  echo "with-postgres: no PostgreSQL server found under /usr/lib/postgresql; the PostgreSQL tests will skip"
  exec "$@"
fi

# PostgreSQL refuses to run as root: there, the cluster belongs to the packaged "postgres" user.
as_owner=()
if [ "$(id -u)" = "0" ]; then as_owner=(runuser -u postgres --); fi

cluster=$(mktemp -d /tmp/portal-console-pg.XXXXXX)
chmod 755 "$cluster"
[ ${#as_owner[@]} -eq 0 ] || chown postgres "$cluster"
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

stop_cluster() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop_cluster EXIT

"${as_owner[@]}" "$bindir/initdb" -D "$cluster/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$cluster/initdb.log" 2>&1 \
  || { cat "$cluster/initdb.log"; exit 1; }
"${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off" start >/dev/null \
  || { cat "$cluster/server.log"; exit 1; }
"${as_owner[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres portal_console_test

echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for this run"
export PORTAL_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/portal_console_test"
status=0
"$@" || status=$?
exit $status
