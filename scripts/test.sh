#!/usr/bin/env bash
# npm test: static checks, unit and integration tests (vitest), build, end-to-end tests (Playwright in Chromium).
# Everything that touches the keychain runs against a real Secret Service (gnome-keyring in a private D-Bus session);
# the PostgreSQL test runs against a throwaway PostgreSQL cluster (scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
mkdir -p .tmp
rm -f .tmp/vitest.json .tmp/vitest-postgres.json .tmp/playwright.json .tmp/shared-db-files .tmp/shared-db-files-postgres .tmp/postgres-not-run .tmp/slapd-not-run
echo "== typecheck"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== build"; npx electron-vite build >/dev/null
echo "== unit and integration tests"
status=0
# Each runner's exit code goes to the summary: vitest exits 1 on an error outside any test (an unhandled
# rejection, say) while its report counts no failed test.
vitest_rc=0; postgres_rc=0; playwright_rc=0
# portal/test-support.ts notes in PORTAL_TEST_SHARED_DB_RECORD each test file that starts a test portal on the
# shared test database: exactly those portal files run again on PostgreSQL (scripts/postgres-test-files.mjs).
# scripts/with-slapd.sh adds the OpenLDAP server of the directory sync tests (LDAP_TEST_URL) to both runs.
PORTAL_TEST_SHARED_DB_RECORD=.tmp/shared-db-files LDAP_NOT_RUN_FILE=.tmp/slapd-not-run \
  bash scripts/with-postgres.sh bash scripts/with-slapd.sh bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || vitest_rc=$?
echo "== portal integration tests again, on PostgreSQL"
# Each test portal of these files on a fresh PostgreSQL database. Tests about PGlite itself name their store
# (memory: true, a data folder) and so are not among them.
mapfile -t postgres_files < <(node scripts/postgres-test-files.mjs .tmp/shared-db-files)
if [ ${#postgres_files[@]} -eq 0 ]; then
  echo "no test file used the shared test database in the first run" | tee .tmp/postgres-not-run
  postgres_rc=1
else
  PORTAL_TEST_SHARED_DB_RECORD=.tmp/shared-db-files-postgres bash scripts/with-postgres.sh bash scripts/with-slapd.sh bash -c '
    if [ -z "${PORTAL_TEST_DATABASE_URL:-}" ]; then echo "no server" >.tmp/postgres-not-run; exit 0; fi
    PORTAL_TEST_ENGINE=postgresql exec npx vitest run "$@" --reporter=default --reporter=json --outputFile=.tmp/vitest-postgres.json' \
    postgres-run "${postgres_files[@]}" || postgres_rc=$?
fi
echo "== end-to-end tests"
# Electron specs open a real window: give them a virtual display where there is none.
display=(); if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then display=(xvfb-run -a); fi
bash scripts/with-keyring.sh "${display[@]}" npx playwright test || playwright_rc=$?
summary_rc=0
node scripts/summary.mjs "vitest=$vitest_rc" "postgres=$postgres_rc" "playwright=$playwright_rc" || summary_rc=$?
for rc in $vitest_rc $postgres_rc $playwright_rc $summary_rc; do if [ "$rc" -ne 0 ]; then status=$rc; fi; done
exit $status
