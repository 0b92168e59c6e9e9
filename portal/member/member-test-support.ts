import { beforeAll } from 'vitest';
import { MEMBER_API_PREFIX } from '../../common/portal-api/member';
import type { FunctionPermission } from '../../common/portal-api/rights';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../common/portal-api/security-policy';
import type { PortalOptions } from '../server';
import { sharedSignedInPortal, type TestResponse } from '../test-support';

/** Who calls the member API in a test: a member session, no session at all, or an administrator's admin-API session. */
export type TestCaller = 'member' | 'anonymous' | 'admin_session';

export const MEMBER = { login: 'mitglied.test', password: 'Mitglied-Test-2026!', displayName: 'Mitglied Test' } as const;
export const ADMIN_MEMBER = { login: 'admin.mitglied', password: 'Admin-Mitglied-2026!', displayName: 'Admin Mitglied' } as const;

/**
 * One portal per file with an administrator (admin API), a signed-in member and a signed-in administrator on the member
 * side. Settings change through the admin API only, as the console changes them.
 */
export function memberHarness(opts: Partial<PortalOptions> = {}) {
  const shared = sharedSignedInPortal({ rateLimit: { max: 1_000_000, windowMs: 60_000 }, loginRateLimit: { max: 1_000_000, windowMs: 60_000 }, ...opts });
  const tokens: Record<'member' | 'adminMember', string> = { member: '', adminMember: '' };

  const memberApi = (method: string, path: string, options: { token?: string | undefined; body?: unknown } = {}): Promise<TestResponse> =>
    shared.portal.request(method, `${MEMBER_API_PREFIX}${path}`, {
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(options.body === undefined ? {} : { body: options.body }),
    });

  const signInMember = async (login: string, password: string): Promise<string> => {
    const response = await memberApi('POST', '/sessions', { body: { login, password } });
    if (response.status !== 201) throw new Error(`member sign-in as ${login} failed: ${response.status} ${response.text}`);
    return response.json<{ token: string }>().token;
  };

  beforeAll(async () => {
    await shared.portal.addUser({ ...MEMBER });
    await shared.portal.addUser({ ...ADMIN_MEMBER, isAdmin: true });
    tokens.member = await signInMember(MEMBER.login, MEMBER.password);
    tokens.adminMember = await signInMember(ADMIN_MEMBER.login, ADMIN_MEMBER.password);
  });

  /** A call as the given caller. */
  const as = (caller: TestCaller | 'admin_member', method: string, path: string, body?: unknown): Promise<TestResponse> => {
    const token = { member: tokens.member, admin_member: tokens.adminMember, admin_session: shared.token, anonymous: undefined }[caller];
    return memberApi(method, path, { token, body });
  };

  /** Changes the policy as the console does; `adminToken` for a test that moved the clock past the shared admin session. */
  const setPolicy = async (change: (policy: SecurityPolicy) => SecurityPolicy, adminToken = shared.token): Promise<SecurityPolicy> => {
    const current = await shared.portal.request('GET', '/api/v1/security-policy', { token: adminToken });
    const next = { ...change(current.json<SecurityPolicy>()), preset: 'custom' as const };
    const headers = { 'if-match': String(current.headers.etag) };
    const saved = await shared.portal.request('PUT', '/api/v1/security-policy', { token: adminToken, body: next, headers });
    if (saved.status !== 200) throw new Error(`policy update failed: ${saved.status} ${saved.text}`);
    return next;
  };

  const resetPolicy = () => setPolicy(() => defaultSecurityPolicy);

  const setFunctionPermissions = async (change: (functions: FunctionPermission[]) => FunctionPermission[]): Promise<void> => {
    const current = await shared.api('GET', '/function-permissions');
    const functions = change(current.json<{ functions: FunctionPermission[] }>().functions);
    const saved = await shared.api('PUT', '/function-permissions', { body: { functions }, ifMatch: String(current.headers.etag) });
    if (saved.status !== 200) throw new Error(`function permissions update failed: ${saved.status} ${saved.text}`);
  };

  return { shared, memberApi, signInMember, as, setPolicy, resetPolicy, setFunctionPermissions, tokens };
}
