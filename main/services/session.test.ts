import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../common/errors';
import { startTestPortal, type TestPortal } from '../../portal/test-support';
import { DEMO_ADMIN } from '../test-support/backend-harness';
import { createMemoryVault } from '../test-support/memory-vault';
import { answer, startHttpsStub, type HttpsStub } from '../test-support/stub-servers';
import { startTcpProxy } from '../test-support/tcp-proxy';
import { generateKeyPair } from '../test-support/tls-server';
import { ClientLog } from './client-log';
import { ProfileStore } from './profiles';
import { SessionManager } from './session';
import { vaultAccount } from './vault';

let dir: string;
let profiles: ProfileStore;
let portal: TestPortal;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portal-console-session-'));
  profiles = await ProfileStore.open(dir);
  portal = await startTestPortal({ environment: 'test' });
});

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

afterAll(async () => {
  await portal?.close();
  await rm(dir, { recursive: true, force: true });
});

function sessionManager(vault = createMemoryVault(), log = new ClientLog(join(dir, 'logs'))): SessionManager {
  const manager = new SessionManager(profiles, vault, log);
  closers.push(() => manager.close());
  return manager;
}

async function profileFor(url: string, pin: string, name: string) {
  return profiles.create({ name, url, environment: 'test', pin });
}

const loginResponse = (token: string) => ({
  token,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  remembered: false,
  rememberMeAllowed: true,
  user: { id: 'u-1', login: 'admin', displayName: 'Administrator', isAdmin: true, mustChangePassword: false },
});

/** Issues a token, then fails GET /portal with 502 and the revocation with 500. */
async function portalFailingAfterLogin(): Promise<HttpsStub & { spki: string }> {
  const keys = await generateKeyPair();
  const stub = await startHttpsStub(keys, (request, response) => {
    if (request.method === 'POST' && request.url === '/api/v1/sessions') {
      answer(response, 201, 'application/json', JSON.stringify(loginResponse('issued-token-1')));
    } else if (request.url === '/api/v1/portal') {
      answer(response, 502, 'text/html', '<h1>Bad Gateway</h1>');
    } else {
      answer(response, 500, 'text/plain', 'revocation broke too');
    }
  });
  closers.push(() => stub.close());
  return Object.assign(stub, { spki: keys.spki });
}

describe('a sign-in that fails after the portal issued a token', () => {
  it('revokes the token when GET /portal fails, and still reports the GET’s error though revoking failed', async () => {
    const stub = await portalFailingAfterLogin();
    const profile = await profileFor(stub.url, stub.spki, 'Stub portal');
    const manager = sessionManager();
    const error = await manager.signIn({ profileId: profile.id, ...DEMO_ADMIN, remember: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error).toMatchObject({ code: 'SERVER_ERROR', details: { status: 502 } });
    expect(stub.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/sessions',
      'GET /api/v1/portal',
      'DELETE /api/v1/sessions/current',
    ]);
    expect(stub.received[2]?.headers.authorization).toBe('Bearer issued-token-1');
    expect(manager.current()).toBeNull();
  });

  it('revokes the token on the real portal when the keychain write fails', async () => {
    const observer = await portal.signInAdmin();
    const vault = createMemoryVault();
    vault.set = async () => {
      throw new ConsoleError('KEYCHAIN_UNAVAILABLE', 'The keychain refused the write');
    };
    const profile = await profileFor(portal.url, portal.spki, 'Real portal');
    const manager = sessionManager(vault);
    await expect(manager.signIn({ profileId: profile.id, ...DEMO_ADMIN, remember: true })).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
    });
    expect(manager.current()).toBeNull();
    expect(vault.entries.has(vaultAccount(profile.id, DEMO_ADMIN.login))).toBe(false);
    const sessions = (await portal.request('GET', '/api/v1/instance/sessions', { token: observer })).json<{ items: { current: boolean }[] }>();
    // Only the observer's own session is left: the console's token was signed out on the portal.
    expect(sessions.items.map((s) => s.current)).toEqual([true]);
  });
});

describe('signing in', () => {
  const portalInfo = { name: 'Stub Nord', version: '12.4.1', track: 'steady', environment: 'test', timeZone: 'Europe/Berlin', supportPackage: 'premium' };

  async function stubPortal(login: Record<string, unknown>): Promise<HttpsStub & { spki: string }> {
    const keys = await generateKeyPair();
    const stub = await startHttpsStub(keys, (request, response) => {
      if (request.method === 'POST' && request.url === '/api/v1/sessions') answer(response, 201, 'application/json', JSON.stringify(login));
      else if (request.url === '/api/v1/portal') answer(response, 200, 'application/json', JSON.stringify({ ...portalInfo, name: 'From GET /portal' }));
      else answer(response, 204, 'text/plain', '');
    });
    closers.push(() => stub.close());
    return Object.assign(stub, { spki: keys.spki });
  }

  it('takes the portal from the sign-in answer and sends no second request', async () => {
    const stub = await stubPortal({ ...loginResponse('token-with-portal'), portal: portalInfo });
    const profile = await profileFor(stub.url, stub.spki, 'Answer carries the portal');
    const state = await sessionManager().signIn({ profileId: profile.id, ...DEMO_ADMIN, remember: false });
    expect(state.portal.name).toBe('Stub Nord');
    expect(stub.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/sessions']);
    expect(profiles.lastUsedProfileId).toBe(profile.id);
    expect(profiles.get(profile.id)).toMatchObject({ lastLogin: DEMO_ADMIN.login, rememberPassword: false });
  });

  it('asks GET /portal of a portal whose sign-in answer has no portal (older portals)', async () => {
    const stub = await stubPortal(loginResponse('token-without-portal'));
    const profile = await profileFor(stub.url, stub.spki, 'Older portal');
    const state = await sessionManager().signIn({ profileId: profile.id, ...DEMO_ADMIN, remember: false });
    expect(state.portal.name).toBe('From GET /portal');
    expect(stub.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/sessions', 'GET /api/v1/portal']);
  });
});

describe('signing out', () => {
  async function signedInThroughProxy(name: string) {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: portal.portal.port });
    closers.push(() => proxy.close());
    const log = new ClientLog(join(dir, `logs-${name}`));
    const manager = sessionManager(createMemoryVault(), log);
    const profile = await profileFor(proxy.url, portal.spki, name);
    await manager.signIn({ profileId: profile.id, ...DEMO_ADMIN, remember: false });
    return { proxy, log, manager };
  }

  const adminSessions = async (observer: string) =>
    (await portal.request('GET', '/api/v1/instance/sessions?limit=100', { token: observer })).json<{ items: unknown[] }>().items.length;

  it('revokes the session on the portal and logs "signed out"', async () => {
    const observer = await portal.signInAdmin();
    const before = await adminSessions(observer);
    const { log, manager } = await signedInThroughProxy('Sign-out portal');
    expect(await adminSessions(observer)).toBe(before + 1);
    await manager.signOut();
    expect(manager.current()).toBeNull();
    expect(await adminSessions(observer)).toBe(before);
    expect((await log.read()).entries.map((entry) => entry.message)).toContain('signed out');
  });

  it('says so, logs an error and never "signed out" when the portal could not revoke the session', async () => {
    const observer = await portal.signInAdmin();
    const before = await adminSessions(observer);
    const { proxy, log, manager } = await signedInThroughProxy('Unreachable at sign-out');
    proxy.mode = 'refuse';
    const error = await manager.signOut().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error).toMatchObject({ code: 'UNREACHABLE', details: { reason: 'session_not_revoked', expiresAt: expect.any(String) } });
    expect((error as ConsoleError).message).toContain('could not be revoked');
    // The local session ends all the same; the portal still holds the token, as the error says.
    expect(manager.current()).toBeNull();
    expect(await adminSessions(observer)).toBe(before + 1);
    const entries = (await log.read()).entries;
    expect(entries.map((entry) => entry.message)).not.toContain('signed out');
    expect(entries.find((entry) => entry.level === 'error')).toMatchObject({
      message: 'signed out here, but the portal session could not be revoked',
      context: { profile: 'Unreachable at sign-out', code: 'UNREACHABLE' },
    });
  });

  it('counts a session the portal no longer knows (401) as signed out', async () => {
    const { log, manager } = await signedInThroughProxy('Expired before sign-out');
    const sessions = (await portal.request('GET', '/api/v1/instance/sessions?limit=100', { token: await portal.signInAdmin() })).json<{
      items: { id: string; current: boolean; createdAt: string }[];
    }>();
    const observer = await portal.signInAdmin();
    for (const session of sessions.items.filter((s) => !s.current)) {
      await portal.request('DELETE', `/api/v1/instance/sessions/${session.id}`, { token: observer });
    }
    await expect(manager.signOut()).resolves.toBeUndefined();
    expect((await log.read()).entries.at(-1)).toMatchObject({ message: 'signed out', context: { portalSessionAlreadyEnded: true } });
  });
});
