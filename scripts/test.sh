#!/usr/bin/env bash
# npm test: static checks, unit and integration tests (vitest), build, end-to-end tests (Playwright in Chromium).
# Everything that touches the keychain runs against a real Secret Service (gnome-keyring in a private D-Bus session);
# the PostgreSQL test runs against a throwaway PostgreSQL cluster (scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
mkdir -p .tmp
rm -f .tmp/vitest.json .tmp/vitest-postgres.json .tmp/playwright.json
echo "== typecheck"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== build"; npx electron-vite build >/dev/null
echo "== unit and integration tests"
status=0
# Each runner's exit code goes to the summary: vitest exits 1 on an error outside any test (an unhandled
# rejection, say) while its report counts no failed test.
vitest_rc=0; postgres_rc=0; playwright_rc=0
bash scripts/with-postgres.sh bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || vitest_rc=$?
echo "== portal integration tests again, on PostgreSQL"
# The same route and service tests, each test portal on a fresh PostgreSQL database (portal/test-support.ts).
# Left out: what is about PGlite itself (its backups, its data folder, the engine the health board names).
bash scripts/with-postgres.sh bash -c '
  if [ -z "${PORTAL_TEST_DATABASE_URL:-}" ]; then echo "skipped: no PostgreSQL server on this machine"; exit 0; fi
  PORTAL_TEST_ENGINE=postgresql exec npx vitest run portal \
    --exclude portal/instance/backups.test.ts --exclude portal/routes/instance.test.ts --exclude portal/persistence.test.ts \
    --reporter=default --reporter=json --outputFile=.tmp/vitest-postgres.json' || postgres_rc=$?
echo "== end-to-end tests"
# Electron specs open a real window: give them a virtual display where there is none.
display=(); if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then display=(xvfb-run -a); fi
bash scripts/with-keyring.sh "${display[@]}" npx playwright test || playwright_rc=$?
node scripts/summary.mjs "vitest=$vitest_rc" "vitest on PostgreSQL=$postgres_rc" "playwright=$playwright_rc" || true
for rc in $vitest_rc $postgres_rc $playwright_rc; do if [ "$rc" -ne 0 ]; then status=$rc; fi; done
exit $status
