import { createServer as createTlsServer } from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { and, count, eq, sql } from 'drizzle-orm';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_PRESETS } from '../../common/domain/directory-presets';
import type { DirectoryRun, DirectorySettingsInput } from '../../common/portal-api/directory';
import { auditLog, directoryLinks, directorySettings, principalMembers, principals, users } from '../db/schema';
import { sharedSignedInPortal } from '../test-support';
import { directoryServiceFor } from './runner';

/**
 * Against the real OpenLDAP of scripts/with-slapd.sh (10,000 people, 200 nested groups, AD-style attributes).
 * Without it these tests skip; under CI=true its absence is a failure.
 */
const env = process.env;
const hasSlapd = env.LDAP_TEST_URL !== undefined;

describe.runIf(!hasSlapd && env.CI === 'true')('directory sync without OpenLDAP', () => {
  it('needs the OpenLDAP server of scripts/with-slapd.sh (LDAP_TEST_URL) in CI', () => {
    expect.fail('LDAP_TEST_URL is not set: run the tests under scripts/with-slapd.sh (apt-get install slapd ldap-utils)');
  });
});

// Each sync reads and compares all 10,000 people: on a busy 2-core machine a few of them take half a minute.
describe.skipIf(!hasSlapd)('directory sync against OpenLDAP', { timeout: 120_000 }, () => {
  const shared = sharedSignedInPortal();
  const USERS = 10_000;
  const GROUPS = 200;
  const DISABLED_IN_DIRECTORY = Math.floor(USERS / 97);
  let admin: Client;

  const settings = (change: Partial<DirectorySettingsInput> = {}): DirectorySettingsInput => ({
    url: env.LDAP_TEST_URL!,
    startTls: false,
    pin: env.LDAP_TEST_SPKI!,
    bindDn: env.LDAP_TEST_BIND_DN!,
    bindPassword: env.LDAP_TEST_BIND_PASSWORD!,
    baseDn: env.LDAP_TEST_BASE_DN!,
    userFilter: '(objectClass=inetOrgPerson)',
    groupFilter: '(objectClass=groupOfNames)',
    pageSize: 1000,
    preset: 'active_directory',
    mapping: { ...DIRECTORY_PRESETS.active_directory.mapping, id: 'entryUUID' },
    orgUnitRoot: 'Verzeichnis',
    disableLimitPercent: 10,
    scheduleMinutes: null,
    ...change,
  });

  async function save(change: Partial<DirectorySettingsInput> = {}): Promise<void> {
    const current = await shared.api('GET', '/directory/settings');
    const response = await shared.api('PUT', '/directory/settings', { body: settings(change), ifMatch: current.headers.etag as string });
    expect(response.status, response.text).toBe(200);
  }

  async function run(kind: 'dry_run' | 'sync', confirmDisable?: number): Promise<DirectoryRun> {
    const started = await shared.api('POST', '/directory/runs', { body: { kind, ...(confirmDisable === undefined ? {} : { confirmDisable }) } });
    expect(started.status, started.text).toBe(202);
    await directoryServiceFor(shared.portal.portal.app.portal).idle();
    const finished = await shared.api('GET', `/directory/runs/${started.json<DirectoryRun>().id}`);
    return finished.json<DirectoryRun>();
  }

  const db = () => shared.portal.portal.db;
  const userCount = async () => (await db().select({ n: count() }).from(users))[0]!.n;
  const auditCount = async () => (await db().select({ n: count() }).from(auditLog))[0]!.n;
  const userNamed = async (login: string) => (await db().select().from(users).where(eq(users.login, login)))[0];

  beforeAll(async () => {
    admin = new Client({ url: env.LDAP_TEST_URL!, tlsOptions: { rejectUnauthorized: false } });
    await admin.bind(env.LDAP_TEST_ADMIN_DN!, env.LDAP_TEST_ADMIN_PASSWORD!);
  });
  afterAll(async () => {
    await admin?.unbind();
  });

  it('stores the bind password encrypted and never sends it back', async () => {
    await save();
    const read = await shared.api('GET', '/directory/settings');
    expect(read.json()).toMatchObject({ configured: true, passwordSet: true, url: env.LDAP_TEST_URL });
    expect(read.text).not.toContain(env.LDAP_TEST_BIND_PASSWORD!);
    const [row] = await db().select().from(directorySettings);
    expect(row!.bindPassword).toMatch(/^v1:/);
    expect(row!.bindPassword).not.toContain(env.LDAP_TEST_BIND_PASSWORD!);
    expect(JSON.stringify(row!.config)).not.toContain(env.LDAP_TEST_BIND_PASSWORD!);
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, 'directory.settings.update'));
    expect(JSON.stringify(audits)).not.toContain(env.LDAP_TEST_BIND_PASSWORD!);
  });

  it('tests the connection step by step over ldaps:// and StartTLS', async () => {
    const ok = await shared.api('POST', '/directory/test', { body: settings() });
    expect(ok.json()).toMatchObject({ ok: true, failure: null, passed: ['dns', 'connect', 'tls', 'bind', 'base_dn', 'user_filter', 'group_filter'] });
    const startTls = await shared.api('POST', '/directory/test', { body: settings({ url: env.LDAP_TEST_STARTTLS_URL!, startTls: true }) });
    expect(startTls.json()).toMatchObject({ ok: true });
  });

  it('says exactly what failed: bind password, base DN, filter syntax, DNS, pin', async () => {
    const failure = async (change: Partial<DirectorySettingsInput>) => (await shared.api('POST', '/directory/test', { body: settings(change) })).json().failure;
    expect(await failure({ bindPassword: 'wrong-password' })).toMatchObject({ step: 'bind', code: 'bind_invalid_credentials' });
    expect(await failure({ baseDn: 'ou=nowhere,dc=example,dc=test' })).toMatchObject({ step: 'base_dn', code: 'base_dn_not_found' });
    expect(await failure({ userFilter: '(objectClass=inetOrgPerson' })).toMatchObject({ step: 'user_filter', code: 'filter_syntax' });
    expect(await failure({ url: 'ldaps://no-such-host.invalid:636' })).toMatchObject({ step: 'dns', code: 'dns_not_found' });
    const wrongPin = 'A'.repeat(43) + '=';
    expect(await failure({ pin: wrongPin })).toMatchObject({ step: 'tls', code: 'pin_mismatch', expected: wrongPin, actual: env.LDAP_TEST_SPKI });
  });

  it('shows the certificate to pin before anything is bound', async () => {
    for (const body of [{ url: env.LDAP_TEST_URL!, startTls: false }, { url: env.LDAP_TEST_STARTTLS_URL!, startTls: true }]) {
      const response = await shared.api('POST', '/directory/certificate', { body });
      expect(response.status, response.text).toBe(200);
      expect(response.json()).toMatchObject({ spki: env.LDAP_TEST_SPKI, subject: expect.stringContaining('Test directory') });
    }
  });

  it('a dry run counts and samples what a sync would do and writes nothing', async () => {
    await shared.portal.addUser({ login: 'user00002', password: 'Local-Account-2026', displayName: 'Lokales Konto' });
    const before = await userCount();
    const dry = await run('dry_run');
    expect(dry.state).toBe('done');
    expect(dry.report!.counts).toMatchObject({ directoryUsers: USERS, directoryGroups: GROUPS, users: { create: USERS - 1 }, groups: { create: GROUPS }, conflicts: 1 });
    expect(dry.report!.conflicts).toEqual([{ kind: 'local_login', name: 'user00002', dns: ['uid=user00002,ou=people,dc=example,dc=test'] }]);
    expect(dry.report!.samples.createUsers[0]).toMatchObject({ login: 'user00001', name: 'Anna Müller (1)' });
    expect(await userCount()).toBe(before);
  });

  it('the first sync creates people, groups, nested memberships and departments; local accounts stay as they were', async () => {
    const before = await userCount();
    const local = await userNamed('user00002');
    const synced = await run('sync');
    expect(synced.state, synced.error ?? '').toBe('done');
    expect(synced.processed).toBe(synced.total);
    expect(await userCount()).toBe(before + USERS - 1);
    expect(await userNamed('user00002')).toEqual(local);
    expect(await userNamed('user00097')).toMatchObject({ enabled: false, passwordHash: null });
    expect(await userNamed('user00001')).toMatchObject({ displayName: 'Anna Müller (1)', email: 'user00001@example.test', enabled: true });
    const disabled = await db().select({ n: count() }).from(users).innerJoin(directoryLinks, eq(directoryLinks.userId, users.id)).where(eq(users.enabled, false));
    expect(disabled[0]!.n).toBe(DISABLED_IN_DIRECTORY);
    // Bereich 1 holds Abteilung 1, which holds Team 1 (nested, not flattened).
    const nested = await db()
      .select({ parent: sql<string>`p.name`, child: sql<string>`c.name` })
      .from(principalMembers)
      .innerJoin(sql`principals p`, sql`p.id = ${principalMembers.containerId}`)
      .innerJoin(sql`principals c`, sql`c.id = ${principalMembers.memberPrincipalId}`)
      .where(sql`p.name in ('Bereich 1', 'Abteilung 1')`);
    expect(nested.map((row) => `${row.parent} > ${row.child}`)).toEqual(expect.arrayContaining(['Bereich 1 > Abteilung 1', 'Abteilung 1 > Team 1']));
  });

  it('a second sync with no change in the directory writes nothing', async () => {
    const audits = await auditCount();
    const versions = await db().select({ sum: sql<string>`sum(version)` }).from(users);
    const second = await run('sync');
    expect(second.state).toBe('done');
    expect(second.total).toBe(0);
    expect(second.report!.counts).toMatchObject({ users: { create: 0, update: 0, disable: 0, enable: 0 }, groups: { create: 0, update: 0 }, memberships: { add: 0, remove: 0 }, orgUnits: { create: 0 } });
    expect(await db().select({ sum: sql<string>`sum(version)` }).from(users)).toEqual(versions);
    // Only the run's own start and end entries.
    expect(await auditCount()).toBe(audits + 2);
  });

  it('a person removed from the directory is disabled, not deleted, and comes back when re-added', async () => {
    const dn = 'uid=user00010,ou=people,dc=example,dc=test';
    const [entry] = (await admin.search(dn, { scope: 'base', attributes: ['*'] })).searchEntries;
    await admin.del(dn);
    try {
      const removed = await run('sync');
      expect(removed.report!.counts.users.disable).toBe(1);
      expect(removed.report!.samples.disableUsers).toEqual([{ login: 'user00010', name: 'Jörg Müller (10)' }]);
      expect(await userNamed('user00010')).toMatchObject({ enabled: false });
    } finally {
      const { dn: _dn, ...attributes } = entry!;
      const values = Object.entries(attributes).filter(([, value]) => (Array.isArray(value) ? value.length > 0 : value !== ''));
      await admin.add(dn, Object.fromEntries(values) as Record<string, string[]>);
    }
  });

  it('a group renamed in the directory keeps its portal group, under the new name', async () => {
    const [before] = await db().select().from(principals).where(eq(principals.name, 'Team 5'));
    await admin.modifyDN('cn=Team 5,ou=groups,dc=example,dc=test', 'cn=Team 5 (neu)');
    try {
      const renamed = await run('sync');
      expect(renamed.report!.counts.groups).toMatchObject({ update: 1, create: 0 });
      const [after] = await db().select().from(principals).where(eq(principals.id, before!.id));
      expect(after!.name).toBe('Team 5 (neu)');
      const members = await db().select({ n: count() }).from(principalMembers).where(eq(principalMembers.containerId, before!.id));
      expect(members[0]!.n).toBeGreaterThan(0);
    } finally {
      await admin.modifyDN('cn=Team 5 (neu),ou=groups,dc=example,dc=test', 'cn=Team 5');
    }
  });

  it('a sync that would disable more than the set share stops and asks, then runs when confirmed', async () => {
    // Leaving out one department of twelve disables about 8 % of the accounts: over a 5 % limit.
    await save({ userFilter: '(&(objectClass=inetOrgPerson)(!(department=Vertrieb)))', disableLimitPercent: 5 });
    const enabledBefore = (await db().select({ n: count() }).from(users).where(eq(users.enabled, true)))[0]!.n;
    const stopped = await run('sync');
    expect(stopped.state).toBe('needs_confirmation');
    const disable = stopped.report!.guard!.disable;
    expect(disable).toBeGreaterThan(800);
    expect(stopped.report!.guard).toMatchObject({ limitPercent: 5 });
    expect((await db().select({ n: count() }).from(users).where(eq(users.enabled, true)))[0]!.n).toBe(enabledBefore);
    const wrongCount = await run('sync', disable - 1);
    expect(wrongCount.state).toBe('needs_confirmation');
    const confirmed = await run('sync', disable);
    expect(confirmed.state).toBe('done');
    expect((await db().select({ n: count() }).from(users).where(eq(users.enabled, true)))[0]!.n).toBe(enabledBefore - disable);
    // Back to the whole directory: the same accounts are enabled again.
    await save({ disableLimitPercent: 10 });
    const back = await run('sync');
    expect(back.report!.counts.users.enable).toBe(disable);
  });

  it('a wrong bind password fails the run at the bind and changes nothing', async () => {
    await save({ bindPassword: 'wrong-password' });
    const audits = await auditCount();
    const failed = await run('sync');
    expect(failed.state).toBe('failed');
    expect(failed.error).toContain('bind_invalid_credentials');
    expect(await auditCount()).toBe(audits + 2);
    await save();
  });

  it('a server whose certificate does not match the pin gets nothing after the TLS handshake', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'impostor-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'), '-subj', '/CN=impostor', '-days', '1'], { stdio: 'ignore' });
    const key = readFileSync(join(folder, 'key.pem'));
    const cert = readFileSync(join(folder, 'cert.pem'));
    rmSync(folder, { recursive: true });
    const received: Buffer[] = [];
    let connections = 0;
    const impostor = createTlsServer({ key, cert }, (socket) => {
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('error', () => undefined);
    });
    impostor.on('connection', () => {
      connections += 1;
    });
    impostor.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      const url = `ldaps://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
      const test = await shared.api('POST', '/directory/test', { body: settings({ url }) });
      expect(test.json().failure).toMatchObject({ step: 'tls', code: 'pin_mismatch', expected: env.LDAP_TEST_SPKI });
      await save({ url });
      const failed = await run('sync');
      expect(failed.state).toBe('failed');
      expect(failed.error).toContain('pin_mismatch');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(connections).toBeGreaterThanOrEqual(2);
      expect(Buffer.concat(received).length).toBe(0);
    } finally {
      impostor.close();
      await save();
    }
  });

  it('lists the runs with their reports, and audits each start and end', async () => {
    const list = await shared.api('GET', '/directory/runs');
    expect(list.status).toBe(200);
    const runs = list.json<{ runs: DirectoryRun[] }>().runs;
    expect(runs.length).toBeGreaterThanOrEqual(8);
    expect(runs.some((r) => r.kind === 'dry_run' && r.report !== null)).toBe(true);
    const starts = await db().select({ n: count() }).from(auditLog).where(and(eq(auditLog.targetType, 'directory_run'), sql`${auditLog.action} like 'directory.%.start'`));
    expect(starts[0]!.n).toBe(runs.length);
  });
});
