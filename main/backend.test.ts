import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type RunningPortal } from '../portal/server';
import { createBackend, type Backend } from './backend';
import { EMBEDDED_PROFILE_ID } from './services/profiles';
import { vaultAccount } from './services/vault';
import { inProcessPortalLauncher } from './test-support/in-process-portal';
import { createMemoryVault } from './test-support/memory-vault';
import { contractCaller, DEMO_ADMIN } from './test-support/backend-harness';
import { startCountingHttpsServer, type CountingHttpsServer } from './test-support/stub-servers';
import { generateKeyPair } from './test-support/tls-server';

const ADMIN = DEMO_ADMIN;

let userDataDir: string;
let backend: Backend;
let other: RunningPortal;
const vault = createMemoryVault();

const { call, failure } = contractCaller(() => backend);

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'portal-console-backend-'));
  [backend, other] = await Promise.all([
    createBackend({ userDataDir, vault, shell: 'browser', appVersion: '0.0.0-test', embeddedPortal: inProcessPortalLauncher() }),
    startPortal({ memory: true, demo: true, environment: 'prod' }),
  ]);
});

afterAll(async () => {
  await backend?.close();
  await other?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

describe('contract dispatch', () => {
  it('refuses unknown channels and invalid requests with their own codes', async () => {
    expect(await failure('users:drop', {})).toMatchObject({ code: 'UNKNOWN_CHANNEL' });
    const invalid = await failure('profiles:create', { name: '', url: 'http://insecure.example', environment: 'prod' });
    expect(invalid.code).toBe('VALIDATION');
    expect((invalid.details?.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['name', 'url']);
  });

  it('reports the keychain state', async () => {
    expect(await call('app:info')).toMatchObject({ shell: 'browser', keychain: { available: true } });
  });
});

describe('embedded local test portal', () => {
  it('is a ready, pinned profile', async () => {
    await backend.embedded;
    const profiles = (await call('profiles:list')) as { id: string; pin: string | null; embedded: boolean }[];
    const local = profiles.find((p) => p.id === EMBEDDED_PROFILE_ID);
    expect(local).toMatchObject({ embedded: true });
    expect(local?.pin).toMatch(/=$/);
  });

  it('signs in, remembers the password in the vault only, signs out and signs in again automatically', async () => {
    const state = await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...ADMIN, remember: true });
    expect(state).toMatchObject({ environment: 'dev', user: { login: 'admin', isAdmin: true }, portal: { name: 'Muster GmbH Portal' } });
    expect(vault.entries.get(vaultAccount(EMBEDDED_PROFILE_ID, 'admin'))).toBe(ADMIN.password);
    const onDisk = await readFile(join(userDataDir, 'profiles.json'), 'utf8');
    expect(onDisk).not.toContain(ADMIN.password);

    await call('session:signOut');
    expect(await call('session:current')).toBeNull();
    expect(await call('session:autoSignIn')).toMatchObject({ user: { login: 'admin' } });
    expect(await call('portal:info')).toMatchObject({ version: expect.any(String) });
  });

  it('forgets the saved password when asked', async () => {
    const view = await call('session:forgetPassword', { profileId: EMBEDDED_PROFILE_ID });
    expect(view).toMatchObject({ rememberPassword: false, hasStoredPassword: false });
    await call('session:signOut');
    expect(await call('session:autoSignIn')).toBeNull();
  });
});

describe('a portal added by URL', () => {
  let profileId: string;

  it('sends nothing before the certificate is trusted, then pins it', async () => {
    const created = (await call('profiles:create', { name: 'Kunde Prod', url: other.url, environment: 'test' })) as { id: string };
    profileId = created.id;
    expect(await failure('session:signIn', { profileId, ...ADMIN, remember: false })).toMatchObject({ code: 'TLS_UNTRUSTED' });
    const certificate = (await call('connection:inspect', { profileId })) as { spki: string; matches: string | null };
    expect(certificate.spki).toBe(other.spki);
    expect(certificate.matches).toBeNull();
    await call('connection:trust', { profileId, spki: other.spki, slot: 'primary' });
    const state = await call('session:signIn', { profileId, ...ADMIN, remember: false });
    // The profile said test, the portal says prod: the console shows the more sensitive one.
    expect(state).toMatchObject({ environment: 'prod' });
  });

  it('refuses to trust a certificate other than the one presented', async () => {
    const embeddedSpki = (await backend.embedded)!.spki;
    expect(await failure('connection:trust', { profileId, spki: embeddedSpki, slot: 'primary' })).toMatchObject({ code: 'CONFLICT' });
  });

  it('blocks a pin mismatch and names both pins', async () => {
    const embeddedSpki = (await backend.embedded)!.spki;
    const wrong = (await call('profiles:create', {
      name: 'Falscher Pin',
      url: other.url,
      environment: 'prod',
      pin: embeddedSpki,
    })) as { id: string };
    const error = await failure('session:signIn', { profileId: wrong.id, ...ADMIN, remember: false });
    expect(error).toMatchObject({ code: 'PIN_MISMATCH', details: { expected: embeddedSpki, actual: other.spki } });
  });

  it('says a closed port is unreachable', async () => {
    const embeddedSpki = (await backend.embedded)!.spki;
    const closed = (await call('profiles:create', {
      name: 'Geschlossen',
      url: 'https://127.0.0.1:1',
      environment: 'dev',
      pin: embeddedSpki,
    })) as { id: string };
    expect(await failure('session:signIn', { profileId: closed.id, ...ADMIN, remember: false })).toMatchObject({ code: 'UNREACHABLE' });
  });

  it('tells wrong passwords from locked accounts', async () => {
    const wrong = { profileId, login: 'admin', password: 'not-the-password', remember: false };
    expect(await failure('session:signIn', wrong)).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await failure('session:signIn', wrong)).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const locked = await failure('session:signIn', wrong);
    expect(locked).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(new Date(String(locked.details?.lockedUntil)).getTime()).toBeGreaterThan(Date.now());
  });
});

describe('a man in the middle on a trusted portal’s address', () => {
  it('is refused with both pins named and reads not one byte of HTTP, so never the password', async () => {
    const { profileId, genuineSpki, port } = await trustedProfileWhosePortalLeft();
    const impostorKeys = await generateKeyPair();
    const impostor = await startCountingHttpsServer(impostorKeys, port);
    try {
      const error = await failure('session:signIn', { profileId, ...ADMIN, remember: false });
      expect(error).toMatchObject({ code: 'PIN_MISMATCH', details: { expected: genuineSpki, actual: impostorKeys.spki } });
      expect(error.message).toContain(genuineSpki);
      expect(error.message).toContain(impostorKeys.spki);
      // Counted once the console has closed its connections to the impostor: nothing of them can come later.
      await impostor.allClosed();
      expect(impostor.counts()).toMatchObject({ requests: 0, applicationBytes: 0 });
      expect(impostor.counts().connections).toBeGreaterThan(0);
      await expectCountersToSee(impostor);
    } finally {
      await impostor.close();
    }
    // A portal of its own starts in the test (its port is taken over): allow for slow, busy machines.
  }, 120_000);
});

/** A profile trusts a real portal on first contact and signs in once (a pooled connection); then the portal stops. */
async function trustedProfileWhosePortalLeft(): Promise<{ profileId: string; genuineSpki: string; port: number }> {
  const genuine = await startPortal({ memory: true, demo: true, environment: 'prod' });
  try {
    const { id: profileId } = await call<{ id: string }>('profiles:create', { name: 'Übernommen', url: genuine.url, environment: 'prod' });
    const { spki } = await call<{ spki: string }>('connection:inspect', { profileId });
    await call('connection:trust', { profileId, spki, slot: 'primary' });
    await call('session:signIn', { profileId, ...ADMIN, remember: false });
    await call('session:signOut');
    return { profileId, genuineSpki: genuine.spki, port: genuine.port };
  } finally {
    await genuine.close();
  }
}

/** The control: the same impostor does count a request from a client that does not pin. */
async function expectCountersToSee(impostor: CountingHttpsServer): Promise<void> {
  const unpinned = new Agent({ connect: { rejectUnauthorized: false } });
  await (await request(`${impostor.url}/api/v1/sessions`, { method: 'POST', body: '{}', dispatcher: unpinned })).body.text();
  await unpinned.close();
  expect(impostor.counts().requests).toBe(1);
  expect(impostor.counts().applicationBytes).toBeGreaterThan(0);
}
