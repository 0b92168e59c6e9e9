import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileView } from '../common/contract';
import { createBackend, type Backend } from './backend';
import type { EmbeddedPortalLauncher } from './services/embedded-portal';
import { EMBEDDED_PROFILE_ID } from './services/profiles';
import { contractCaller, DEMO_ADMIN } from './test-support/backend-harness';
import { inProcessPortalLauncher } from './test-support/in-process-portal';
import { createMemoryVault } from './test-support/memory-vault';

let userDataDir: string;
let backend: Backend;
let release: () => void = () => {};
const { call } = contractCaller(() => backend);

/** The real in-process portal, held back until the test releases it: a slow first start. */
function heldLauncher(): EmbeddedPortalLauncher {
  const launch = inProcessPortalLauncher();
  const released = new Promise<void>((resolve) => (release = resolve));
  return async (dataDir, logDir, stopping) => {
    await released;
    return launch(dataDir, logDir, stopping);
  };
}

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'portal-console-embedded-start-'));
  backend = await createBackend({ userDataDir, vault: createMemoryVault(), shell: 'browser', appVersion: '0.0.0-test', embeddedPortal: heldLauncher() });
});

afterAll(async () => {
  release();
  await backend?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

describe('the console while the local test portal starts', () => {
  let signIn: Promise<unknown>;

  it('lists the profiles at once, the local test portal as starting (first run: not stored yet)', async () => {
    const profiles = await call<ProfileView[]>('profiles:list');
    expect(profiles).toEqual([expect.objectContaining({ id: EMBEDDED_PROFILE_ID, embedded: true, starting: true, pin: null })]);
  });

  it('answers calls about other profiles at once', async () => {
    const created = await call<ProfileView>('profiles:create', { name: 'Intranet', url: 'https://intranet.example', environment: 'prod' });
    expect(created.starting).toBeUndefined();
    const profiles = await call<ProfileView[]>('profiles:list');
    expect(profiles.map((p) => [p.name, p.starting ?? false])).toEqual([
      ['Local test portal', true],
      ['Intranet', false],
    ]);
  });

  it('holds a sign-in to the local test portal until it is up, then signs in', async () => {
    signIn = call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false });
    expect(await settledWithin(signIn, 300)).toBe(false);
    release();
    expect(await signIn).toMatchObject({ user: { login: 'admin' }, environment: 'dev' });
  });

  it('then lists it ready and pinned', async () => {
    const local = (await call<ProfileView[]>('profiles:list')).find((p) => p.id === EMBEDDED_PROFILE_ID);
    expect(local?.starting).toBeUndefined();
    expect(local?.pin).toMatch(/=$/);
    expect(local?.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('closing the console while the local test portal starts', () => {
  it('stops the start at once instead of waiting for the portal to come up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portal-console-close-starting-'));
    let stopped = false;
    const neverReady: EmbeddedPortalLauncher = (_dataDir, _logDir, stopping) =>
      new Promise((_resolve, reject) => {
        stopping.addEventListener('abort', () => {
          stopped = true;
          reject(new Error('the console closed while it started'));
        });
      });
    const starting = await createBackend({ userDataDir: dir, vault: createMemoryVault(), shell: 'browser', appVersion: '0.0.0-test', embeddedPortal: neverReady });
    try {
      expect(await settledWithin(starting.close(), 1_000)).toBe(true);
      expect(stopped).toBe(true);
      expect(await starting.embedded).toBeNull();
      expect(await readFile(join(dir, 'logs', 'console.log'), 'utf8').catch(() => '')).not.toMatch(/failed to start/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
