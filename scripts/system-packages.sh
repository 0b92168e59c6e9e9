#!/usr/bin/env bash
# The Debian packages `npm test` needs besides Node: Chromium for Playwright, a Secret Service for the keychain
# tests, PostgreSQL for the portal's second run, OpenLDAP for the directory sync tests, a virtual display and the keytar build chain.
# Installs the missing ones where it can (root, or sudo without a password, and apt-get); otherwise says in one line
# what is missing and the command that installs it, and fails before any test runs.
# `--list` prints the list (for .ci/run); `--check` only checks.
set -euo pipefail
packages=(chromium xvfb libsecret-1-dev gnome-keyring dbus dbus-x11 build-essential python3 postgresql slapd ldap-utils fonts-dejavu-core ca-certificates)

if [ "${1:-}" = "--list" ]; then echo "${packages[@]}"; exit 0; fi

if ! command -v dpkg-query >/dev/null; then
  echo "system packages: not a Debian system; make sure these (or their equivalents) are installed: ${packages[*]}"
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo); else sudo=(none); fi
fi
if [ "${1:-}" != "--check" ] && [ "${sudo[0]:-}" != "none" ] && command -v apt-get >/dev/null; then
  echo "system packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "system packages missing: ${missing[*]}; install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
