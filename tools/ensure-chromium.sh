#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright; install it if it is missing.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "chromium missing: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
