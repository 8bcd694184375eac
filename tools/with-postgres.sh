#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster on a Unix socket in a temp dir.
# The cluster is created with initdb, started with pg_ctl, exported as DATABASE_URL and
# removed afterwards, whatever the command's outcome.  Usage: tools/with-postgres.sh CMD...
set -euo pipefail

find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/$name" ]; then echo "$dir/$name"; return; fi
  done
}

if [ -z "$(find_bin initdb)" ]; then
  echo "PostgreSQL binaries missing: installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
INITDB=$(readlink -f "$(find_bin initdb)")
PG_CTL=$(readlink -f "$(find_bin pg_ctl)")

tmp=$(mktemp -d /tmp/qyzmet-pg.XXXXXX)
run_as=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: run the server as the 'postgres' system user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$tmp"
  run_as=(runuser -u postgres --)
fi

cleanup() {
  "${run_as[@]}" "$PG_CTL" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"${run_as[@]}" "$INITDB" -D "$tmp/data" -U qyzmet --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$PG_CTL" -D "$tmp/data" -w -l "$tmp/server.log" \
  -o "-k $tmp -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
"${run_as[@]}" "$(dirname "$INITDB")/createdb" -h "$tmp" -U qyzmet qyzmet
# Two roles, as in production (ADR 0013): the superuser 'qyzmet' creates and migrates the
# database; the application runs as 'qyzmet_app', which owns nothing. The test suite (conftest.py)
# migrates as DATABASE_URL's role, gives core_auditlog to a NOLOGIN owner role, then runs every
# test as QYZMET_DATABASE_RUNTIME_USER.
"${run_as[@]}" "$(dirname "$INITDB")/psql" -h "$tmp" -U qyzmet -d qyzmet -qAt -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE qyzmet_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT" >/dev/null

export DATABASE_URL="postgres://qyzmet@/qyzmet?host=$tmp"
export QYZMET_PG_SOCKET_DIR="$tmp"
export QYZMET_DATABASE_RUNTIME_USER=qyzmet_app
set +e
"$@"
status=$?
set -e
exit $status
