#!/usr/bin/env bash
# Build-time only (make vendor): install GOV.UK Frontend, sass and accessible-autocomplete with
# npm from tools/frontend/package-lock.json, compile Qyzmet's own brand of GOV.UK Frontend
# (qyzmet/web/frontend/qyzmet.scss) and copy the compiled CSS, the JavaScript and the licences
# into qyzmet/web/static/vendor/. The output is committed: `make run` and CI need no Node.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FRONTEND="$ROOT/tools/frontend"
OUT="$ROOT/qyzmet/web/static/vendor"
NM="$FRONTEND/node_modules"

cd "$FRONTEND"
npm ci --no-audit --no-fund --ignore-scripts

mkdir -p "$OUT"
"$NM/.bin/sass" --no-source-map --style=compressed --load-path="$NM" \
  "$ROOT/qyzmet/web/frontend/qyzmet.scss" "$OUT/qyzmet.min.css"

GOVUK="$NM/govuk-frontend"
cp "$GOVUK/dist/govuk/govuk-frontend.min.js" "$OUT/govuk-frontend.min.js"
sed -i '/^\/\/# sourceMappingURL=/d' "$OUT/govuk-frontend.min.js"
cp "$FRONTEND/govuk-frontend.LICENSE.txt" "$OUT/govuk-frontend.LICENSE.txt"

AUTOCOMPLETE="$NM/accessible-autocomplete"
cp "$AUTOCOMPLETE/dist/accessible-autocomplete.min.js" "$OUT/accessible-autocomplete.min.js"
cp "$AUTOCOMPLETE/dist/accessible-autocomplete.min.css" "$OUT/accessible-autocomplete.min.css"
sed -i '/sourceMappingURL=/d' "$OUT/accessible-autocomplete.min.js" "$OUT/accessible-autocomplete.min.css"
cp "$AUTOCOMPLETE/LICENSE.txt" "$OUT/accessible-autocomplete.LICENSE.txt"

{
  echo "Vendored by tools/vendor-frontend.sh (make vendor); do not edit by hand."
  node -e 'for (const p of ["govuk-frontend", "accessible-autocomplete", "sass"]) { const j = require(process.argv[1] + "/" + p + "/package.json"); console.log(`${p} ${j.version} (${j.license})`); }' "$NM"
} > "$OUT/VERSIONS.txt"
ls -l "$OUT"
