import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../common/errors';
import { startTestPortal, type TestPortal } from '../../portal/test-support';
import { DEMO_ADMIN } from '../test-support/backend-harness';
import { createMemoryVault } from '../test-support/memory-vault';
import { answer, startHttpsStub, type HttpsStub } from '../test-support/stub-servers';
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

function sessionManager(vault = createMemoryVault()): SessionManager {
  const manager = new SessionManager(profiles, vault, new ClientLog(join(dir, 'logs')));
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
