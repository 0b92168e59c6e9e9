import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult, CompareCandidate, PortalComparison, ProfileView } from '../../common/contract';
import { startPortal, type RunningPortal } from '../../portal/server';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';

let test: TestBackend;
let production: RunningPortal;
let productionProfile: ProfileView;

async function call<T>(workspace: string, channel: string, request: unknown = {}): Promise<T> {
  const result: CallResult = await test.backend.dispatch(channel, request, workspace);
  if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
  return result.value as T;
}

async function failure(workspace: string, channel: string, request: unknown = {}) {
  const result = await test.backend.dispatch(channel, request, workspace);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

beforeAll(async () => {
  [test, production] = await Promise.all([createTestBackend('compare'), startPortal({ memory: true, demo: true, environment: 'prod' })]);
  productionProfile = await call('setup', 'profiles:create', { name: 'Produktion', url: production.url, environment: 'prod', pin: production.spki });
  await Promise.all([
    call('test-window', 'session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false }),
    call('production-window', 'session:signIn', { profileId: productionProfile.id, ...DEMO_ADMIN, remember: false }),
  ]);
}, 180_000);

afterAll(async () => {
  await test?.close();
  await production?.close();
});

describe('compare two portals side by side', () => {
  it('offers the portals signed in in the other windows, never this window own', async () => {
    expect(await call<CompareCandidate[]>('test-window', 'compare:candidates')).toEqual([
      { profileId: productionProfile.id, profileName: 'Produktion', environment: 'prod', portalName: expect.any(String) },
    ]);
    const fromProduction = await call<CompareCandidate[]>('production-window', 'compare:candidates');
    expect(fromProduction.map((candidate) => candidate.profileId)).toEqual([EMBEDDED_PROFILE_ID]);
  });

  it('finds two demo portals alike, then marks an application only one of them has, with its version', async () => {
    const before = await call<PortalComparison>('test-window', 'compare:portals', { profileId: productionProfile.id });
    expect(before.here.profileName).toBe('Local test portal');
    expect(before.there).toMatchObject({ profileName: 'Produktion', environment: 'prod' });
    expect(before.sections.map((section) => section.section)).toEqual(['securityPolicy', 'functionPermissions', 'updates', 'layouts', 'applications', 'orgUnits']);
    const differencesBefore = before.sections.flatMap((section) => section.differences);

    await call('production-window', 'applications:create', { name: 'Nur in Produktion', description: 'Vergleichstest' });
    const after = await call<PortalComparison>('test-window', 'compare:portals', { profileId: productionProfile.id });
    const applications = after.sections.find((section) => section.section === 'applications')!;
    expect(applications.differences).toContainEqual({ key: 'nur in produktion', label: 'Nur in Produktion', presence: 'onlyThere', fields: [] });
    expect(after.sections.flatMap((section) => section.differences)).toHaveLength(differencesBefore.length + 1);
    expect(after.applicationVersions).toContainEqual({ name: 'Nur in Produktion', here: null, there: 0 });
  });

  it('says to sign in first when the other portal is open in no window', async () => {
    await call('other-window', 'session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false });
    expect(await failure('other-window', 'compare:portals', { profileId: 'no-such-profile' })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await failure('unsigned-window', 'compare:portals', { profileId: productionProfile.id })).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });
});
