#!/usr/bin/env bash
# Issue 20.5 (ADR 0077): the failover run and its short test drive pg_auto_failover (Debian's
# postgresql-15-auto-failover, binary pg_autoctl); install it if it is missing.
set -euo pipefail
find_pg_autoctl() {
  command -v pg_autoctl 2>/dev/null && return
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/pg_autoctl" ]; then echo "$dir/pg_autoctl"; return; fi
  done
}
if [ -z "$(find_pg_autoctl)" ]; then
  echo "pg_autoctl missing: installing Debian's postgresql-15-auto-failover" >&2
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-15-auto-failover >/dev/null
  else
    echo "not root: cannot install postgresql-15-auto-failover (the failover test will skip)" >&2
  fi
fi
