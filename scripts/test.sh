#!/usr/bin/env bash
# npm test: static checks, unit and integration tests (vitest), build, end-to-end tests (Playwright in Chromium).
# Everything that touches the keychain runs against a real Secret Service (gnome-keyring in a private D-Bus session).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
echo "== typecheck"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== build"; npx electron-vite build >/dev/null
echo "== unit and integration tests"
status=0
bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || status=$?
echo "== end-to-end tests"
bash scripts/with-keyring.sh npx playwright test || status=$?
node scripts/summary.mjs || true
exit $status
