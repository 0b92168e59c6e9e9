import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult, ProfileHealth, ProfileView } from '../common/contract';
import { startPortal, type RunningPortal } from '../portal/server';
import { createBackend, type Backend } from './backend';
import { DEMO_ADMIN } from './test-support/backend-harness';
import { createMemoryVault } from './test-support/memory-vault';

const OTHER_PIN = `${'A'.repeat(43)}=`;
const dirs: string[] = [];
const backends: Backend[] = [];
let portal: RunningPortal;

async function newBackend(): Promise<Backend> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'portal-console-dashboard-'));
  dirs.push(userDataDir);
  const backend = await createBackend({ userDataDir, vault: createMemoryVault(), shell: 'browser', appVersion: '0.0.0-test', embeddedPortal: null });
  backends.push(backend);
  return backend;
}

function caller(backend: Backend) {
  return async <T>(channel: string, request: unknown = {}): Promise<T> => {
    const result: CallResult = await backend.dispatch(channel, request);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
    return result.value as T;
  };
}

/** A port on 127.0.0.1 where nothing listens (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  portal = await startPortal({ memory: true, demo: true, environment: 'test' });
});

afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.close()));
  await portal?.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the profile dashboard', () => {
  it('shows health, version, track and environment from the unauthenticated health endpoint; unreachable and untrusted at once', async () => {
    const backend = await newBackend();
    const call = caller(backend);
    const live = await call<ProfileView>('profiles:create', { name: 'Kunde Test', url: portal.url, environment: 'prod', pin: portal.spki });
    const down = await call<ProfileView>('profiles:create', { name: 'Abgeschaltet', url: `https://127.0.0.1:${await closedPort()}`, environment: 'prod', pin: OTHER_PIN });
    const fresh = await call<ProfileView>('profiles:create', { name: 'Neu', url: 'https://neu.example', environment: 'dev' });
    const wrongPin = await call<ProfileView>('profiles:create', { name: 'Falscher Pin', url: `${portal.url}/`, environment: 'test', pin: OTHER_PIN });

    const started = performance.now();
    const health = await call<ProfileHealth[]>('profiles:health');
    expect(performance.now() - started).toBeLessThan(3_000);
    const byId = new Map(health.map((entry) => [entry.profileId, entry]));
    expect(byId.get(live.id)).toMatchObject({ state: 'ok', version: expect.any(String), track: 'silent', environment: 'test', error: null });
    expect(byId.get(down.id)).toMatchObject({ state: 'unreachable', error: { code: 'UNREACHABLE' } });
    expect(byId.get(fresh.id)).toMatchObject({ state: 'untrusted', version: null });
    expect(byId.get(wrongPin.id)).toMatchObject({ state: 'failed', error: { code: 'PIN_MISMATCH' } });

    const one = await call<ProfileHealth[]>('profiles:health', { profileIds: [live.id] });
    expect(one.map((entry) => entry.profileId)).toEqual([live.id]);
  });

  it('exports the list without secrets and imports it elsewhere, skipping what is there already', async () => {
    const source = await newBackend();
    const call = caller(source);
    const live = await call<ProfileView>('profiles:create', { name: 'Kunde Produktion', url: portal.url, environment: 'prod', pin: portal.spki, readOnly: true });
    await call('profiles:update', { id: live.id, readOnly: false });
    await call('session:signIn', { profileId: live.id, ...DEMO_ADMIN, remember: true });
    await call('profiles:create', { name: 'Kunde Dev', url: 'https://kunde-dev.example', environment: 'dev', readOnly: true });

    const exported = await call<{ fileName: string; json: string }>('profiles:export');
    expect(exported.fileName).toMatch(/^portal-console-profiles_\d{4}-\d{2}-\d{2}\.json$/);
    expect(exported.json).not.toContain(DEMO_ADMIN.password);
    expect(exported.json).not.toContain(`"${DEMO_ADMIN.login}"`);
    const file = JSON.parse(exported.json) as { profiles: Record<string, unknown>[] };
    expect(Object.fromEntries(file.profiles.map((profile) => [profile.name, Object.keys(profile).sort()]))).toEqual({
      'Kunde Produktion': ['backupPin', 'environment', 'name', 'pin', 'url'],
      'Kunde Dev': ['backupPin', 'environment', 'name', 'pin', 'readOnly', 'url'],
    });

    const target = await newBackend();
    const into = caller(target);
    await into('profiles:create', { name: 'kunde dev', url: 'https://anders.example', environment: 'dev' });
    const imported = await into<{ added: string[]; skipped: unknown[] }>('profiles:import', { json: exported.json });
    expect(imported).toEqual({ added: ['Kunde Produktion'], skipped: [{ name: 'Kunde Dev', reason: 'name' }] });
    const list = await into<ProfileView[]>('profiles:list');
    expect(list.find((profile) => profile.name === 'Kunde Produktion')).toMatchObject({ pin: portal.spki, lastLogin: null, hasStoredPassword: false });
    expect(await into('profiles:import', { json: exported.json })).toEqual({
      added: [],
      skipped: expect.arrayContaining([
        { name: 'Kunde Produktion', reason: 'name' },
        { name: 'Kunde Dev', reason: 'name' },
      ]),
    });
    const refused = await target.dispatch('profiles:import', { json: '{"format":"something else"}' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
