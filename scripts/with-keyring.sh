#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret Service).
# The keyring lives in a throwaway folder: items left by an earlier run (or a developer's own login keyring)
# never meet a test, and nothing a test stores outlives the run.
set -euo pipefail
if [ "${PORTAL_CONSOLE_IN_KEYRING:-}" = "1" ]; then exec "$@"; fi
keyring_home=$(mktemp -d /tmp/portal-console-keyring.XXXXXX)
status=0
dbus-run-session -- bash -c '
  echo -n throwaway | XDG_DATA_HOME="$0" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  export PORTAL_CONSOLE_IN_KEYRING=1 PORTAL_CONSOLE_REQUIRE_KEYCHAIN=1
  exec "$@"' "$keyring_home" "$@" || status=$?
rm -rf "$keyring_home"
exit $status
