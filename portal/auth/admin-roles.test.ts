import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_AREAS, MISSING_RIGHT_TYPE, type AdminArea } from '../../common/domain/admin-areas';
import { PROBLEM_CONTENT_TYPE } from '../../common/portal-api/problem';
import { auditLog, users } from '../db/schema';
import { DEMO_DESIGNER, DEMO_USER_ADMIN } from '../demo/admin-roles';
import { startTestPortal, type TestPortal } from '../test-support';
import { undeclaredAreaMessage, type AdminAreaRoute } from './admin-roles';

/** Fills every path parameter with the same well-formed id: the area check comes before any lookup. */
const SOME_ID = '00000000-0000-4000-8000-000000000000';
const concretePath = (url: string) => url.replace(/:\w+/g, SOME_ID);

interface Role {
  name: string;
  areas: readonly AdminArea[];
}

/** Every single area, no area, the demo's two roles, a security officer and a full administrator. */
const roles: Role[] = [
  ...ADMIN_AREAS.map((area) => ({ name: `only-${area}`, areas: [area] })),
  { name: 'no-area', areas: [] },
  { name: 'user-admin', areas: DEMO_USER_ADMIN.areas },
  { name: 'designer', areas: DEMO_DESIGNER.areas },
  { name: 'security-and-users', areas: ['security', 'users'] },
  { name: 'full', areas: ADMIN_AREAS },
];

/** What the route declares it needs, as the test reads it: 'self', the areas any one of which suffices, or all of some. */
function neededAreas(route: AdminAreaRoute): 'self' | { anyOf: readonly AdminArea[] } | { allOf: readonly AdminArea[] } {
  if (route.area === null) return { allOf: ADMIN_AREAS };
  if (route.area === 'self') return 'self';
  if (typeof route.area === 'object' && 'allOf' in route.area) return { allOf: route.area.allOf };
  return { anyOf: [route.area].flat() };
}

function allowedFor(role: Role, route: AdminAreaRoute): boolean {
  const needed = neededAreas(route);
  if (needed === 'self') return true;
  return 'allOf' in needed ? needed.allOf.every((area) => role.areas.includes(area)) : needed.anyOf.some((area) => role.areas.includes(area));
}

/** The right a refusal must name: the first one of the route's areas the role lacks. */
function expectedMissing(role: Role, route: AdminAreaRoute): string {
  const needed = neededAreas(route);
  if (route.area === null) return 'full_administrator';
  if (needed === 'self') return '';
  return 'allOf' in needed ? (needed.allOf.find((area) => !role.areas.includes(area)) as string) : (needed.anyOf[0] as string);
}

/** Sign-out ends the session the loop uses: it goes last. */
const signOutLast = (a: AdminAreaRoute, b: AdminAreaRoute) => Number(isSignOut(a)) - Number(isSignOut(b));
const isSignOut = (route: AdminAreaRoute) => route.method === 'DELETE' && route.url === '/api/v1/sessions/current';

let portal: TestPortal;
const ids = new Map<string, string>();

async function addRoleAdmin(role: Role): Promise<string> {
  const id = await portal.addUser({ login: `role-${role.name}`, password: 'Role-Portal-2026!', isAdmin: true });
  const stored = role.areas.length === ADMIN_AREAS.length ? null : [...role.areas];
  await portal.portal.db.update(users).set({ adminAreas: stored }).where(eq(users.id, id));
  return id;
}

const signIn = (role: Role) => portal.signInAdmin(`role-${role.name}`, 'Role-Portal-2026!');

beforeAll(async () => {
  portal = await startTestPortal();
  for (const role of roles) ids.set(role.name, await addRoleAdmin(role));
});

afterAll(async () => portal?.close());

describe('administrator areas on every admin route', () => {
  it('every route that needs a session declares its administrator area', () => {
    const routes = portal.portal.app.adminAreaRoutes;
    expect(routes.length).toBeGreaterThan(90);
    expect(routes.filter((route) => route.area === null).map(undeclaredAreaMessage)).toEqual([]);
  });

  it.each(roles)('$name: allowed exactly where its areas say, elsewhere 403 naming the missing right and audited', async (role) => {
    const token = await signIn(role);
    const routes = [...portal.portal.app.adminAreaRoutes].sort(signOutLast);
    const wrong: string[] = [];
    let refusals = 0;
    for (const route of routes) {
      const response = await portal.request(route.method, concretePath(route.url), { token });
      const allowed = allowedFor(role, route);
      const name = `${route.method} ${route.url}`;
      if (allowed && (response.status === 401 || response.status === 403)) wrong.push(`${name}: ${response.status} ${response.text}`);
      if (!allowed) {
        refusals += 1;
        const body = response.status === 403 ? response.json() : {};
        const rightNamed = body.missingRight === expectedMissing(role, route);
        if (response.status !== 403 || body.code !== 'missing_admin_right' || !rightNamed) wrong.push(`${name}: ${response.status} ${response.text}`);
      }
    }
    expect(wrong).toEqual([]);
    const [audited] = await portal.portal.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'admin_right.refused'), eq(auditLog.actorId, ids.get(role.name) as string)));
    expect(audited?.n).toBe(refusals);
  });

  it('answers a refusal as problem+json with a stable type, an English title and the missing right', async () => {
    const token = await signIn(roles.find((role) => role.name === 'designer') as Role);
    const response = await portal.request('GET', '/api/v1/users', { token });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({
      type: MISSING_RIGHT_TYPE,
      title: 'Missing administrator right',
      status: 403,
      code: 'missing_admin_right',
      missingRight: 'users',
      detail: expect.stringContaining('"users"'),
    });
    const [entry] = await portal.portal.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'admin_right.refused'), eq(auditLog.targetId, 'GET /api/v1/users'), eq(auditLog.actorLogin, 'role-designer')))
      .limit(1);
    expect(entry).toMatchObject({ targetType: 'route', after: { missingRight: 'users', heldRights: ['applications', 'layouts'] } });
  });
});

describe('the session carries the administrator areas', () => {
  it('at sign-in and in the current session', async () => {
    const signIn = await portal.request('POST', '/api/v1/sessions', { body: { login: 'role-designer', password: 'Role-Portal-2026!' } });
    expect(signIn.json().user.adminAreas).toEqual(['applications', 'layouts']);
    const current = await portal.request('GET', '/api/v1/sessions/current', { token: signIn.json().token });
    expect(current.json().user.adminAreas).toEqual(['applications', 'layouts']);
    const full = await portal.request('GET', '/api/v1/sessions/current', { token: await portal.signInAdmin() });
    expect(full.json().user.adminAreas).toEqual([...ADMIN_AREAS]);
  });

  it("the demo's user administrator and application designer sign in with their roles", async () => {
    for (const demo of [DEMO_USER_ADMIN, DEMO_DESIGNER]) {
      const response = await portal.request('POST', '/api/v1/sessions', { body: { login: demo.login, password: demo.password } });
      expect(response.status).toBe(201);
      expect(response.json().user).toMatchObject({ login: demo.login, isAdmin: true, mustChangePassword: false, adminAreas: demo.areas });
    }
  });
});

describe('editing administrator areas', () => {
  const api = async (token: string, method: string, path: string, body?: unknown, ifMatch?: string) =>
    portal.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }), ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }) });

  it('lists administrators and sets areas with If-Match; the next call obeys, audited', async () => {
    const admin = await portal.signInAdmin();
    const list = await api(admin, 'GET', '/administrators');
    expect(list.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ login: 'admin', full: true, areas: [...ADMIN_AREAS] }), expect.objectContaining({ login: DEMO_DESIGNER.login, full: false, areas: DEMO_DESIGNER.areas })]),
    );
    const target = await portal.addUser({ login: 'grows-rights', password: 'Role-Portal-2026!', isAdmin: true });
    await portal.portal.db.update(users).set({ adminAreas: ['layouts'] }).where(eq(users.id, target));
    const targetToken = await portal.signInAdmin('grows-rights', 'Role-Portal-2026!');
    expect((await api(targetToken, 'GET', '/updates/settings')).status).toBe(403);

    const read = await api(admin, 'GET', `/administrators/${target}`);
    expect(read.json()).toMatchObject({ login: 'grows-rights', full: false, areas: ['layouts'] });
    expect((await api(admin, 'PUT', `/administrators/${target}/areas`, { areas: ['updates'] })).status).toBe(428);
    expect((await api(admin, 'PUT', `/administrators/${target}/areas`, { areas: ['updates'] }, '"stale.v0"')).status).toBe(412);
    const set = await api(admin, 'PUT', `/administrators/${target}/areas`, { areas: ['updates', 'layouts', 'updates'] }, read.headers.etag as string);
    expect(set.status).toBe(200);
    expect(set.json()).toMatchObject({ full: false, areas: ['layouts', 'updates'] });
    expect(set.headers.etag).not.toBe(read.headers.etag);
    expect((await api(targetToken, 'GET', '/updates/settings')).status).toBe(200);

    const all = await api(admin, 'PUT', `/administrators/${target}/areas`, { areas: ADMIN_AREAS }, set.headers.etag as string);
    expect(all.json()).toMatchObject({ full: true, areas: [...ADMIN_AREAS] });
    const [row] = await portal.portal.db.select({ adminAreas: users.adminAreas }).from(users).where(eq(users.id, target));
    expect(row?.adminAreas).toBeNull();
    const entries = await portal.portal.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.admin_areas'), eq(auditLog.targetId, target)));
    expect(entries.map((entry) => entry.after)).toEqual(
      expect.arrayContaining([{ full: false, areas: ['layouts', 'updates'] }, { full: true, areas: [...ADMIN_AREAS] }]),
    );
  });

  it('refuses areas for an account that is no administrator (409) and unknown areas (400)', async () => {
    const admin = await portal.signInAdmin();
    const member = await portal.addUser({ login: 'just-a-member', password: 'Role-Portal-2026!' });
    const read = await api(admin, 'GET', `/administrators/${member}`);
    expect(read.json()).toMatchObject({ isAdmin: false, full: false, areas: [] });
    expect((await api(admin, 'PUT', `/administrators/${member}/areas`, { areas: ['users'] }, read.headers.etag as string)).json()).toMatchObject({ status: 409, code: 'not_admin' });
    expect((await api(admin, 'PUT', `/administrators/${member}/areas`, { areas: ['everything'] }, read.headers.etag as string)).status).toBe(400);
  });

  it('a user administrator can neither make administrators nor change one (403 naming security)', async () => {
    const token = await portal.signInAdmin(DEMO_USER_ADMIN.login, DEMO_USER_ADMIN.password);
    const create = await api(token, 'POST', '/users', { login: 'would-be-admin', displayName: 'Would Be', email: null, language: 'de', enabled: true, isAdmin: true, groupIds: [], password: { mode: 'none' } });
    expect(create.json()).toMatchObject({ status: 403, missingRight: 'security' });

    const adminId = await portal.addUser({ login: 'some-admin', password: 'Role-Portal-2026!', isAdmin: true });
    const detail = await api(token, 'GET', `/users/${adminId}`);
    const etag = detail.headers.etag as string;
    const fields = detail.json();
    const update = await api(token, 'PUT', `/users/${adminId}`, { login: fields.login, displayName: 'Renamed', email: fields.email, language: fields.language, enabled: true, isAdmin: true, groupIds: [] }, etag);
    expect(update.json()).toMatchObject({ status: 403, missingRight: 'security' });
    expect((await api(token, 'POST', `/users/${adminId}/password`, { mode: 'require_change' }, etag)).json()).toMatchObject({ status: 403, missingRight: 'security' });
    expect((await api(token, 'DELETE', `/users/${adminId}`, undefined, etag)).json()).toMatchObject({ status: 403, missingRight: 'security' });
    const bulk = await api(token, 'POST', '/users/bulk', { action: 'disable', items: [{ id: adminId, etag }] });
    expect(bulk.json().results).toEqual([expect.objectContaining({ outcome: 'refused', code: 'missing_admin_right' })]);
    const admin = await portal.signInAdmin();
    expect((await api(admin, 'GET', `/users/${adminId}`)).json()).toMatchObject({ displayName: 'some-admin', enabled: true, isAdmin: true });
  });

  it('the last full administrator can lose neither the full right nor the account (409)', async () => {
    const fresh = await startTestPortal();
    try {
      // Demo data: 'admin' is the only full administrator; a security officer with fewer areas tries to remove it.
      const officer = await fresh.addUser({ login: 'officer', password: 'Role-Portal-2026!', isAdmin: true });
      await fresh.portal.db.update(users).set({ adminAreas: ['security', 'users'] }).where(eq(users.id, officer));
      const token = await fresh.signInAdmin('officer', 'Role-Portal-2026!');
      const call = (method: string, path: string, body?: unknown, ifMatch?: string) =>
        fresh.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }), ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }) });
      const [admin] = await fresh.portal.db.select({ id: users.id }).from(users).where(eq(users.login, 'admin'));
      const adminId = admin?.id as string;

      const areas = await call('GET', `/administrators/${adminId}`);
      const demote = await call('PUT', `/administrators/${adminId}/areas`, { areas: ['users'] }, areas.headers.etag as string);
      expect(demote.json()).toMatchObject({ status: 409, code: 'last_full_administrator' });

      const detail = await call('GET', `/users/${adminId}`);
      const etag = detail.headers.etag as string;
      const fields = detail.json();
      const base = { login: fields.login, displayName: fields.displayName, email: fields.email, language: fields.language, groupIds: [] };
      expect((await call('PUT', `/users/${adminId}`, { ...base, enabled: false, isAdmin: true }, etag)).json()).toMatchObject({ status: 409, code: 'last_full_administrator' });
      expect((await call('PUT', `/users/${adminId}`, { ...base, enabled: true, isAdmin: false }, etag)).json()).toMatchObject({ status: 409, code: 'last_full_administrator' });
      expect((await call('DELETE', `/users/${adminId}`, undefined, etag)).json()).toMatchObject({ status: 409, code: 'last_full_administrator' });
      const bulk = await call('POST', '/users/bulk', { action: 'delete', items: [{ id: adminId, etag }] });
      expect(bulk.json().results).toEqual([expect.objectContaining({ outcome: 'refused', code: 'last_full_administrator' })]);

      // With a second full administrator the first may go.
      const officerAreas = await call('GET', `/administrators/${officer}`);
      expect((await call('PUT', `/administrators/${officer}/areas`, { areas: ADMIN_AREAS }, officerAreas.headers.etag as string)).status).toBe(200);
      const again = await call('GET', `/administrators/${adminId}`);
      expect((await call('PUT', `/administrators/${adminId}/areas`, { areas: ['users'] }, again.headers.etag as string)).json()).toMatchObject({ full: false, areas: ['users'] });
    } finally {
      await fresh.close();
    }
  });
});
