import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, contract, isPortalWrite, type CallResult, type ProfileView, type SessionState } from '../common/contract';
import { startPortal, type RunningPortal } from '../portal/server';
import { createBackend, type Backend } from './backend';
import { DEMO_ADMIN } from './test-support/backend-harness';
import { createMemoryVault } from './test-support/memory-vault';

let userDataDir: string;
let backend: Backend;
let portal: RunningPortal;
let profile: ProfileView;
/** Every request that reaches the test portal that is not a GET (or HEAD): what read-only must never send. */
const writes: string[] = [];

async function call<T>(workspace: string, channel: string, request: unknown = {}): Promise<T> {
  const result: CallResult = await backend.dispatch(channel, request, workspace);
  if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
  return result.value as T;
}

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'portal-console-read-only-'));
  [backend, portal] = await Promise.all([
    createBackend({ userDataDir, vault: createMemoryVault(), shell: 'browser', appVersion: '0.0.0-test', embeddedPortal: null }),
    startPortal({ memory: true, demo: true, environment: 'prod' }),
  ]);
  portal.app.server.on('request', (request: IncomingMessage) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') writes.push(`${request.method} ${request.url}`);
  });
  profile = await call('setup', 'profiles:create', { name: 'Kunde', url: portal.url, environment: 'prod', pin: portal.spki });
});

afterAll(async () => {
  await backend?.close();
  await portal?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const writeChannels = channels.filter((channel) => isPortalWrite(contract[channel]));

describe('read-only workspaces', () => {
  it('refuse every write call of the contract in main: zero write requests reach the portal', async () => {
    const state = await call<SessionState>('ro', 'session:signIn', { profileId: profile.id, ...DEMO_ADMIN, remember: false, readOnly: true });
    expect(state.readOnly).toBe(true);
    writes.length = 0;
    expect(writeChannels.length).toBeGreaterThan(40);
    for (const channel of writeChannels) {
      const result = await backend.dispatch(channel, {}, 'ro');
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'READ_ONLY', details: { channel } } });
    }
    // Reading goes on as usual.
    expect((await call<{ items: unknown[] }>('ro', 'users:list', {})).items.length).toBeGreaterThan(0);
    expect(writes).toEqual([]);
  });

  it('leave the other workspaces writable: the same portal takes a change from a session that is not read-only', async () => {
    await call('rw', 'session:signIn', { profileId: profile.id, ...DEMO_ADMIN, remember: false });
    writes.length = 0;
    await call('rw', 'users:create', {
      login: 'schreibt.woanders',
      displayName: 'Schreibt Woanders',
      email: null,
      language: 'de',
      enabled: true,
      isAdmin: false,
      groupIds: [],
      password: { mode: 'none' },
    });
    expect(writes).toEqual(['POST /api/v1/users']);
    expect(await backend.dispatch('users:create', {}, 'ro')).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
  });

  it('are what every session of a read-only profile is, whatever the sign-in asks', async () => {
    await call('setup', 'profiles:update', { id: profile.id, readOnly: true });
    const state = await call<SessionState>('profile-ro', 'session:signIn', { profileId: profile.id, ...DEMO_ADMIN, remember: false, readOnly: false });
    expect(state.readOnly).toBe(true);
    writes.length = 0;
    expect(await backend.dispatch('securityPolicy:update', {}, 'profile-ro')).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    // Signing out is the console's own business: allowed, and only its own session ends.
    await call('profile-ro', 'session:signOut');
    expect(writes).toEqual(['DELETE /api/v1/sessions/current']);
    await call('setup', 'profiles:update', { id: profile.id, readOnly: false });
  });
});
