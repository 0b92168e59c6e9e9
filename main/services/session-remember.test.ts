import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileView, SessionState, VersionedSecurityPolicy } from '../../common/contract';
import type { Backend } from '../backend';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';
import { EMBEDDED_PROFILE_ID } from './profiles';
import { vaultAccount } from './vault';

let harness: TestBackend;
let backend: Backend;
const { call } = contractCaller(() => backend);
const account = vaultAccount(EMBEDDED_PROFILE_ID, DEMO_ADMIN.login);

const signIn = (remember: boolean, password: string | undefined = DEMO_ADMIN.password) =>
  call<SessionState>('session:signIn', { profileId: EMBEDDED_PROFILE_ID, login: DEMO_ADMIN.login, remember, ...(password === undefined ? {} : { password }) });

async function embeddedProfile(): Promise<ProfileView> {
  const profiles = await call<ProfileView[]>('profiles:list');
  return profiles.find((profile) => profile.id === EMBEDDED_PROFILE_ID) as ProfileView;
}

async function setRememberMe(disableRememberMe: boolean): Promise<void> {
  const current = await call<VersionedSecurityPolicy>('securityPolicy:get');
  await call('securityPolicy:update', { ifMatch: current.etag, value: { ...current.value, preset: 'custom', disableRememberMe } });
}

beforeAll(async () => {
  harness = await createTestBackend('remember');
  ({ backend } = harness);
});

afterAll(() => harness?.close());

describe('the portal policy governs "remember password"', () => {
  it('keeps the password in the vault while the portal allows remember me', async () => {
    const state = await signIn(true);
    expect(state.rememberMeAllowed).toBe(true);
    expect(await harness.vault.get(account)).toBe(DEMO_ADMIN.password);
    expect(await embeddedProfile()).toMatchObject({ rememberPassword: true, portalForbidsRemember: false, hasStoredPassword: true });
  });

  it('removes the saved password and stores none once the portal disables remember me', async () => {
    await setRememberMe(true);
    await call('session:signOut');
    // Signing in with the saved password still works once; afterwards it is gone.
    const state = await signIn(true, undefined);
    expect(state.rememberMeAllowed).toBe(false);
    expect(await harness.vault.get(account)).toBeNull();
    expect(await embeddedProfile()).toMatchObject({ rememberPassword: false, portalForbidsRemember: true, hasStoredPassword: false });

    await call('session:signOut');
    await signIn(true);
    expect(await harness.vault.get(account)).toBeNull();
    await call('session:signOut');
    expect(await call('session:autoSignIn')).toBeNull();
  });

  it('keeps passwords again once the portal allows remember me again', async () => {
    await signIn(false);
    await setRememberMe(false);
    await call('session:signOut');
    expect((await signIn(true)).rememberMeAllowed).toBe(true);
    expect(await harness.vault.get(account)).toBe(DEMO_ADMIN.password);
    expect(await embeddedProfile()).toMatchObject({ rememberPassword: true, portalForbidsRemember: false });
  });
});
