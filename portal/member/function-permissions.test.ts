import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionAccessList, FunctionItemPage } from '../../common/portal-api/member';
import { portalFunctions, type FunctionPermission, type PortalFunction } from '../../common/portal-api/rights';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { memberHarness, type TestCaller } from './member-test-support';

/**
 * Each function permission, set through the admin API as the console sets it, governs reading and adding items of that
 * function on the member API at the next call. The security sheet's "Funktionsberechtigungen" screen: "Mitglieder
 * können Meldungen hinzufügen" / "Nur Administratoren können Meldungen hinzufügen" (and so for every function), "Gäste
 * können abrufen", "Gäste können teilnehmen"; "Gäste können nur dann auf Ihre Site zugreifen, wenn Sie dies explizit
 * zulassen."
 */
const h = memberHarness();

beforeAll(async () => {
  await h.resetPolicy();
  await h.setPolicy((p: SecurityPolicy) => ({ ...p, guests: { ...p.guests, enabled: true } }));
});

type Caller = TestCaller | 'admin_member';
const CALLERS: readonly Caller[] = ['member', 'admin_member', 'anonymous', 'admin_session'];

function setOne(key: PortalFunction, change: Partial<FunctionPermission>) {
  return h.setFunctionPermissions((fs) => fs.map((f) => (f.function === key ? { ...f, ...change } : { ...f, members: 'add', guests: 'none' })));
}

async function observed(key: PortalFunction): Promise<Record<Caller, { read: number; add: number }>> {
  const result = {} as Record<Caller, { read: number; add: number }>;
  for (const caller of CALLERS) {
    const read = await h.as(caller, 'GET', `/functions/${key}/items?limit=5`);
    const add = await h.as(caller, 'POST', `/functions/${key}/items`, { title: `${key} von ${caller}`, body: 'Test' });
    result[caller] = { read: read.status, add: add.status };
  }
  return result;
}

const allowed = (read: boolean, add: boolean) => ({ read: read ? 200 : 403, add: add ? 201 : 403 });

describe.each(portalFunctions.map((key) => [key]))('function %s', (key) => {
  it('"Mitglieder können ... hinzufügen", no guest box: members read and add, guests and outsiders nothing', async () => {
    await setOne(key, { members: 'add', guests: 'none' });
    expect(await observed(key)).toEqual({
      member: allowed(true, true),
      admin_member: allowed(true, true),
      anonymous: allowed(false, false),
      admin_session: allowed(false, false),
    });
  });

  it('"Nur Administratoren können ... hinzufügen": members read, only administrators add', async () => {
    await setOne(key, { members: 'admins_only', guests: 'none' });
    expect(await observed(key)).toEqual({
      member: allowed(true, false),
      admin_member: allowed(true, true),
      anonymous: allowed(false, false),
      admin_session: allowed(false, false),
    });
  });

  it('"Gäste können abrufen": guests read, do not add', async () => {
    await setOne(key, { members: 'add', guests: 'read' });
    expect(await observed(key)).toEqual({
      member: allowed(true, true),
      admin_member: allowed(true, true),
      anonymous: allowed(true, false),
      admin_session: allowed(false, false),
    });
  });

  it('"Gäste können teilnehmen": guests read and add', async () => {
    await setOne(key, { members: 'add', guests: 'participate' });
    expect(await observed(key)).toEqual({
      member: allowed(true, true),
      admin_member: allowed(true, true),
      anonymous: allowed(true, true),
      admin_session: allowed(false, false),
    });
  });
});

describe('guest rights need guest access', () => {
  it('with guest access off, "Gäste können teilnehmen" gives a caller without a session nothing; on again, it does', async () => {
    await setOne('news', { members: 'add', guests: 'participate' });
    await h.setPolicy((p) => ({ ...p, guests: { ...p.guests, enabled: false } }));
    expect((await h.as('anonymous', 'GET', '/functions/news/items')).status).toBe(403);
    expect((await h.as('anonymous', 'POST', '/functions/news/items', { title: 'x' })).status).toBe(403);
    await h.setPolicy((p) => ({ ...p, guests: { ...p.guests, enabled: true } }));
    expect((await h.as('anonymous', 'GET', '/functions/news/items')).status).toBe(200);
  });

  it('lists what each caller may do, and the items a guest added carry "Gast" as the author', async () => {
    await setOne('calendar', { members: 'admins_only', guests: 'participate' });
    const forMember = (await h.as('member', 'GET', '/functions')).json<FunctionAccessList>();
    expect(forMember.functions.find((f) => f.function === 'calendar')).toEqual({ function: 'calendar', read: true, add: false });
    const forGuest = (await h.as('anonymous', 'GET', '/functions')).json<FunctionAccessList>();
    expect(forGuest.caller).toBe('guest');
    expect(forGuest.functions.find((f) => f.function === 'calendar')).toEqual({ function: 'calendar', read: true, add: true });
    await h.as('anonymous', 'POST', '/functions/calendar/items', { title: 'Gasttermin', startsAt: '2026-06-01T10:00:00Z' });
    const items = (await h.as('member', 'GET', '/functions/calendar/items')).json<FunctionItemPage>().items;
    expect(items.find((item) => item.title === 'Gasttermin')).toMatchObject({ authorName: 'Gast', startsAt: '2026-06-01T10:00:00.000Z' });
    // "Nur Administratoren können Mitgliedsdaten abrufen": the items stay readable, their authors are not shown.
    await h.setPolicy((p) => ({ ...p, memberDataVisibility: 'admins' }));
    const hidden = (await h.as('member', 'GET', '/functions/calendar/items')).json<FunctionItemPage>().items;
    expect(hidden.map((item) => item.authorName)).toEqual(hidden.map(() => null));
    const forAdmin = (await h.as('admin_member', 'GET', '/functions/calendar/items')).json<FunctionItemPage>().items;
    expect(forAdmin.find((item) => item.title === 'Gasttermin')?.authorName).toBe('Gast');
    await h.setPolicy((p) => ({ ...p, memberDataVisibility: 'members' }));
  });
});
