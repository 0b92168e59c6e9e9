#!/usr/bin/env bash
# Runs a command beside a throwaway OpenLDAP server (slapd) holding the test directory of
# scripts/directory-seed.mjs (10,000 people in 200 nested groups, AD-style attributes from
# scripts/slapd/ad-schema.ldif), loaded offline with slapadd. It listens on 127.0.0.1 on free ports, ldaps://
# and ldap:// (StartTLS), with a certificate made for this run; config and data live in a temporary folder,
# removed with the server when the command ends. The command gets:
#   LDAP_TEST_URL (ldaps://), LDAP_TEST_STARTTLS_URL (ldap://), LDAP_TEST_SPKI (base64 SHA-256 of the
#   certificate's SubjectPublicKeyInfo), LDAP_TEST_BASE_DN, LDAP_TEST_BIND_DN, LDAP_TEST_BIND_PASSWORD (the
#   read-only sync account), LDAP_TEST_ADMIN_DN, LDAP_TEST_ADMIN_PASSWORD (the directory's root, for tests that
#   change the directory).
# Without slapd (Debian: apt-get install slapd ldap-utils) it says so and runs the command without it (the LDAP
# tests then fail under CI=true and skip elsewhere); LDAP_SEED_USERS / LDAP_SEED_GROUPS change the directory's size.
set -euo pipefail
trap 'echo "with-slapd: failed at line $LINENO" >&2' ERR
if [ -n "${LDAP_TEST_URL:-}" ]; then exec "$@"; fi
root=$(cd "$(dirname "$0")/.." && pwd)

slapd=/usr/sbin/slapd; slapadd=/usr/sbin/slapadd
if [ ! -x "$slapd" ] || [ ! -x "$slapadd" ] || [ ! -f /etc/ldap/schema/core.ldif ]; then
  echo "with-slapd: no OpenLDAP server found (/usr/sbin/slapd); the LDAP tests will not run (apt-get install slapd ldap-utils)" >&2
  [ -z "${LDAP_NOT_RUN_FILE:-}" ] || echo "no OpenLDAP server (slapd) installed" >"$LDAP_NOT_RUN_FILE"
  exec "$@"
fi

dir=$(mktemp -d /tmp/portal-console-slapd.XXXXXX)
# A string, not a number: under FORCE_COLOR (Playwright sets it) console.log would colour a number.
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"; }
ldaps_port=$(free_port); ldap_port=$(free_port)
admin_password=$(node -e "console.log(require('node:crypto').randomBytes(12).toString('hex'))")
sync_password=$(node -e "console.log(require('node:crypto').randomBytes(12).toString('hex'))")

stop_slapd() {
  if [ -f "$dir/slapd.pid" ]; then kill "$(cat "$dir/slapd.pid")" 2>/dev/null || true; fi
  for _ in $(seq 1 50); do [ -f "$dir/slapd.pid" ] || break; sleep 0.1; done
  rm -rf "$dir"
}
trap stop_slapd EXIT

mkdir -p "$dir/config" "$dir/db"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Test directory" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>"$dir/openssl.log" \
  || { cat "$dir/openssl.log" >&2; exit 1; }
spki=$(openssl x509 -in "$dir/cert.pem" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)

cat >"$dir/config.ldif" <<LDIF
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $dir/slapd.pid
olcTLSCertificateFile: $dir/cert.pem
olcTLSCertificateKeyFile: $dir/key.pem
olcSizeLimit: unlimited

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif
include: file:///etc/ldap/schema/nis.ldif
include: file://$root/scripts/slapd/ad-schema.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcSizeLimit: unlimited

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: dc=example,dc=test
olcRootDN: cn=admin,dc=example,dc=test
olcRootPW: $admin_password
olcDbDirectory: $dir/db
olcDbMaxSize: 1073741824
olcDbNoSync: TRUE
olcDbIndex: objectClass eq
olcDbIndex: uid,sAMAccountName,cn eq
olcDbIndex: member,memberOf eq
olcLimits: * size.soft=unlimited size.hard=unlimited size.pr=unlimited size.prtotal=unlimited
olcAccess: {0}to attrs=userPassword by anonymous auth by * none
olcAccess: {1}to * by users read by * none
LDIF

"$slapadd" -n 0 -F "$dir/config" -l "$dir/config.ldif" >"$dir/slapadd.log" 2>&1 || { cat "$dir/slapadd.log"; exit 1; }
LDAP_SEED_SYNC_PASSWORD=$sync_password node "$root/scripts/directory-seed.mjs" "${LDAP_SEED_USERS:-10000}" "${LDAP_SEED_GROUPS:-200}" >"$dir/seed.ldif"
"$slapadd" -q -n 1 -F "$dir/config" -l "$dir/seed.ldif" >>"$dir/slapadd.log" 2>&1 || { cat "$dir/slapadd.log"; exit 1; }
(exec "$slapd" -F "$dir/config" -h "ldaps://127.0.0.1:$ldaps_port/ ldap://127.0.0.1:$ldap_port/" >"$dir/slapd.log" 2>&1) \
  || { cat "$dir/slapd.log" >&2; echo "with-slapd: slapd did not start" >&2; exit 1; }
for _ in $(seq 1 100); do
  if (echo >"/dev/tcp/127.0.0.1/$ldaps_port") 2>/dev/null; then break; fi
  sleep 0.1
done

echo "with-slapd: OpenLDAP on ldaps://127.0.0.1:$ldaps_port and ldap://127.0.0.1:$ldap_port (StartTLS) for this run"
export LDAP_TEST_URL="ldaps://127.0.0.1:$ldaps_port"
export LDAP_TEST_STARTTLS_URL="ldap://127.0.0.1:$ldap_port"
export LDAP_TEST_SPKI="$spki"
export LDAP_TEST_BASE_DN="dc=example,dc=test"
export LDAP_TEST_BIND_DN="cn=portal-sync,ou=services,dc=example,dc=test"
export LDAP_TEST_BIND_PASSWORD="$sync_password"
export LDAP_TEST_ADMIN_DN="cn=admin,dc=example,dc=test"
export LDAP_TEST_ADMIN_PASSWORD="$admin_password"
status=0
"$@" || status=$?
exit $status
