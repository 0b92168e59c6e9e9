#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret Service).
set -euo pipefail
if [ "${PORTAL_CONSOLE_IN_KEYRING:-}" = "1" ]; then exec "$@"; fi
exec dbus-run-session -- bash -c '
  echo -n throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  export PORTAL_CONSOLE_IN_KEYRING=1 PORTAL_CONSOLE_REQUIRE_KEYCHAIN=1
  exec "$@"' bash "$@"
