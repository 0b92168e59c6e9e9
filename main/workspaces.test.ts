import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult, ProfileView, SessionState } from '../common/contract';
import { startPortal, type RunningPortal } from '../portal/server';
import { EMBEDDED_PROFILE_ID } from './services/profiles';
import { createTestBackend, DEMO_ADMIN, type TestBackend } from './test-support/backend-harness';

let test: TestBackend;
let second: RunningPortal;
let secondProfile: ProfileView;

/** A call as the window or tab `workspace` makes it. */
async function call<T>(workspace: string, channel: string, request: unknown = {}): Promise<T> {
  const result: CallResult = await test.backend.dispatch(channel, request, workspace);
  if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
  return result.value as T;
}

const failure = async (workspace: string, channel: string, request: unknown = {}) => {
  const result = await test.backend.dispatch(channel, request, workspace);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
};

const newUser = (login: string) => ({
  login,
  displayName: `Erika ${login}`,
  email: `${login}@muster-gmbh.de`,
  language: 'de',
  enabled: true,
  isAdmin: false,
  groupIds: [],
  password: { mode: 'none' },
});

const logins = async (workspace: string, q: string) =>
  (await call<{ items: { login: string }[] }>(workspace, 'users:list', { q })).items.map((user) => user.login);

beforeAll(async () => {
  [test, second] = await Promise.all([createTestBackend('workspaces'), startPortal({ memory: true, demo: true, environment: 'test' })]);
  secondProfile = await call('setup', 'profiles:create', { name: 'Second portal', url: second.url, environment: 'test', pin: second.spki });
});

afterAll(async () => {
  await test?.close();
  await second?.close();
});

describe('several portals at once: one session per workspace', () => {
  it('holds two sessions side by side; a user created in one is absent in the other', async () => {
    const [one, two] = await Promise.all([
      call<SessionState>('window-1', 'session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false }),
      call<SessionState>('window-2', 'session:signIn', { profileId: secondProfile.id, ...DEMO_ADMIN, remember: false }),
    ]);
    expect([one.profileId, one.environment]).toEqual([EMBEDDED_PROFILE_ID, 'dev']);
    expect([two.profileId, two.environment]).toEqual([secondProfile.id, 'test']);
    expect((await call<SessionState>('window-1', 'session:current')).profileId).toBe(EMBEDDED_PROFILE_ID);
    expect((await call<SessionState>('window-2', 'session:current')).profileId).toBe(secondProfile.id);
    expect(await call('window-3', 'session:current')).toBeNull();

    await call('window-1', 'users:create', newUser('nur.im.ersten'));
    expect(await logins('window-1', 'nur.im.ersten')).toEqual(['nur.im.ersten']);
    expect(await logins('window-2', 'nur.im.ersten')).toEqual([]);
  });

  it('signs out of one workspace only: the other still works', async () => {
    await call('window-1', 'session:signOut');
    expect(await call('window-1', 'session:current')).toBeNull();
    expect(await failure('window-1', 'users:list', {})).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await logins('window-2', 'admin')).toContain('admin');
  });

  it('a workspace whose window is gone is signed out on the portal too; the others stay', async () => {
    const token = await call<SessionState>('window-4', 'session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false });
    expect(token.profileId).toBe(EMBEDDED_PROFILE_ID);
    const portalSessionsBefore = await activeAdminSessions('window-4');
    await test.backend.closeWorkspace('window-4');
    expect(await call('window-4', 'session:current')).toBeNull();
    const sessionsNow = await call<SessionState>('window-5', 'session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false }).then(() =>
      activeAdminSessions('window-5'),
    );
    // window-4's token was revoked, window-5's is new: the count stays.
    expect(sessionsNow).toBe(portalSessionsBefore);
    expect(await logins('window-2', 'admin')).toContain('admin');
  });

  it('a re-pin in one workspace drops every workspace\'s connection to that portal', async () => {
    await call('window-6', 'connection:trust', { profileId: secondProfile.id, spki: second.spki, slot: 'primary' });
    expect(await failure('window-2', 'users:list', {})).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('without a shell that opens windows, "open another portal" is left to the page (a browser tab)', async () => {
    expect(await call('window-2', 'session:openWorkspace', {})).toEqual({ opened: false });
  });
});

async function activeAdminSessions(workspace: string): Promise<number> {
  return (await call<{ items: unknown[] }>(workspace, 'instance:sessions', { limit: 100 })).items.length;
}
