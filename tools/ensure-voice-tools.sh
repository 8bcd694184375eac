#!/usr/bin/env bash
# The board's voice clips are committed, so nothing here is needed to run or to test the
# product. With espeak-ng and sox present, `make test` also runs the test that regenerates the
# clip set (ADR 0027); install them when apt is available (CI: a fresh Debian, as root).
set -euo pipefail
if command -v espeak-ng >/dev/null && command -v sox >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "espeak-ng or sox missing: installing Debian's espeak-ng and sox" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq espeak-ng sox >/dev/null
else
  echo "espeak-ng or sox missing (not root): the clip-regeneration test is skipped" >&2
fi
