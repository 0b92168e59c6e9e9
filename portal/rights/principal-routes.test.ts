import { describe, expect, it } from 'vitest';
import { sharedSignedInPortal, type TestResponse } from '../test-support';

const { api } = sharedSignedInPortal();

function etagOf(response: TestResponse): string {
  const etag = response.headers.etag;
  if (typeof etag !== 'string') throw new Error(`no ETag on ${response.status} ${response.text}`);
  return etag;
}

async function principalByName(name: string): Promise<{ id: string; kind: string }> {
  const page = (await api('GET', `/principals?q=${encodeURIComponent(name)}`)).json<{ items: { id: string; kind: string; name: string }[] }>();
  const found = page.items.find((item) => item.name === name);
  if (!found) throw new Error(`no principal ${name}`);
  return found;
}

async function userByLogin(login: string): Promise<string> {
  const result = (await api('GET', `/principals/search?kinds=user&q=${encodeURIComponent(login)}`)).json<{ items: { id: string; detail?: string }[] }>();
  const found = result.items.find((item) => item.detail === login);
  if (!found) throw new Error(`no user ${login}`);
  return found.id;
}

async function create(kind: string, name: string, description = '') {
  const response = await api('POST', '/principals', { body: { kind, name, description } });
  expect(response.status).toBe(201);
  return { id: response.json<{ id: string }>().id, etag: etagOf(response) };
}

async function latestAudit(action: string) {
  const page = (await api('GET', '/audit?limit=50')).json<{ items: { action: string; targetId: string; before: unknown; after: unknown; actorLogin: string }[] }>();
  return page.items.find((entry) => entry.action === action);
}

describe('listing and searching', () => {
  it('lists the demo groups, roles and lists by name with member counts, paged by cursor', async () => {
    const first = (await api('GET', '/principals?limit=4')).json();
    expect(first.items).toHaveLength(4);
    expect(first.total).toBe(11);
    expect(first.nextCursor).toEqual(expect.any(String));
    const names: string[] = first.items.map((item: { name: string }) => item.name);
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const next = (await api('GET', `/principals?limit=4&cursor=${cursor}`)).json();
      names.push(...next.items.map((item: { name: string }) => item.name));
      cursor = next.nextCursor;
    }
    expect(names).toHaveLength(11);
    // Every principal exactly once across the pages (the order is the database's collation of lower(name)).
    expect(new Set(names).size).toBe(11);
    expect(names.slice(0, 3)).toEqual(['Administratoren', 'Alle Mitarbeiter', 'Betriebsrat-Info']);
    const staff = first.items.find((item: { name: string }) => item.name === 'Alle Mitarbeiter');
    expect(staff).toMatchObject({ kind: 'group', memberCount: 5 });
  });

  it.each([
    ['kind=role', 3],
    ['kind=distribution_list', 2],
    ['q=vertrieb', 1],
    ['q=%25', 0],
  ])('filters by %s', async (query, expected) => {
    expect((await api('GET', `/principals?${query}`)).json().total).toBe(expected);
  });

  it('rejects a bad cursor and a bad kind with 400', async () => {
    expect((await api('GET', '/principals?cursor=bm9wZQ')).json()).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect((await api('GET', '/principals?kind=team')).status).toBe(400);
  });

  it('searches users and containers for the picker, prefix matches first', async () => {
    const result = (await api('GET', '/principals/search?q=admin')).json<{ items: { kind: string; name: string }[] }>();
    expect(result.items.map((item) => `${item.kind}:${item.name}`)).toContain('user:Administrator');
    expect(result.items.map((item) => `${item.kind}:${item.name}`)).toContain('role:Administratoren');
    const onlyGroups = (await api('GET', '/principals/search?q=e&kinds=group&limit=50')).json<{ items: { kind: string }[] }>();
    expect(onlyGroups.items.length).toBeGreaterThan(0);
    expect(onlyGroups.items.every((item) => item.kind === 'group')).toBe(true);
    expect((await api('GET', '/principals/search?q=')).status).toBe(400);
    expect((await api('GET', '/principals/search?q=a&kinds=robot')).status).toBe(400);
  });
});

describe('create, rename, delete', () => {
  it('creates with an ETag and an audit entry, and refuses duplicates and bad input', async () => {
    const created = await create('group', 'Projektteam Nord', 'Projekt Nordsee');
    expect(created.etag).toMatch(/^".+\.v1"$/);
    const audit = await latestAudit('principal.create');
    expect(audit).toMatchObject({ targetId: created.id, actorLogin: 'admin', after: { name: 'Projektteam Nord', kind: 'group' } });

    const duplicate = await api('POST', '/principals', { body: { kind: 'group', name: 'projektteam nord' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'name_taken', errors: [{ path: 'name' }] });
    // The same name is fine for another kind.
    expect((await api('POST', '/principals', { body: { kind: 'role', name: 'Projektteam Nord' } })).status).toBe(201);

    const invalid = await api('POST', '/principals', { body: { kind: 'team', name: '' } });
    expect(invalid.status).toBe(400);
    expect(invalid.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'name']);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await api('GET', '/principals/00000000-0000-4000-8000-000000000000')).json()).toMatchObject({ status: 404, code: 'principal_not_found' });
    expect((await api('GET', '/principals/not-a-uuid')).status).toBe(400);
  });

  it('renames with If-Match: 428 without, 412 with a stale tag (carrying the current version), 200 with the fresh one', async () => {
    const { id, etag } = await create('distribution_list', 'Infoverteiler Messe');
    expect((await api('PATCH', `/principals/${id}`, { body: { name: 'Messe-Info' } })).status).toBe(428);

    const renamed = await api('PATCH', `/principals/${id}`, { body: { name: 'Messe-Info' }, ifMatch: etag });
    expect(renamed.status).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Messe-Info' });
    expect(etagOf(renamed)).not.toBe(etag);

    const stale = await api('PATCH', `/principals/${id}`, { body: { description: 'zu spät' }, ifMatch: etag });
    expect(stale.status).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'etag_mismatch', current: { name: 'Messe-Info' }, currentEtag: etagOf(renamed) });

    const audit = await latestAudit('principal.update');
    expect(audit).toMatchObject({ targetId: id, before: { name: 'Infoverteiler Messe' }, after: { name: 'Messe-Info' } });
    expect((await api('PATCH', `/principals/${id}`, { body: {}, ifMatch: etagOf(renamed) })).status).toBe(400);
  });

  it('shows the impact of a delete, then deletes memberships and rights entries with it', async () => {
    const group = await create('group', 'Kurzlebig');
    const user = await userByLogin('admin');
    const withMember = await api('POST', `/principals/${group.id}/members`, { body: { memberId: user }, ifMatch: group.etag });
    expect(withMember.status).toBe(200);
    const apps = (await api('GET', '/rights/applications')).json<{ items: { id: string; name: string }[] }>().items;
    const crm = apps.find((a) => a.name === 'CRM')!;
    const rightsResponse = await api('GET', `/applications/${crm.id}/rights`);
    const rights = rightsResponse.json<{ defaultLevel: string; entries: { principal: { id: string }; level: string }[] }>();
    const saved = await api('PUT', `/applications/${crm.id}/rights`, {
      body: {
        defaultLevel: rights.defaultLevel,
        entries: [...rights.entries.map((e) => ({ principalId: e.principal.id, level: e.level })), { principalId: group.id, level: 'manage' }],
      },
      ifMatch: etagOf(rightsResponse),
    });
    expect(saved.status).toBe(200);

    const impact = (await api('GET', `/principals/${group.id}/impact`)).json();
    expect(impact).toMatchObject({
      directMembers: 1,
      usersReached: 1,
      rightsEntries: [{ applicationId: crm.id, applicationName: 'CRM', level: 'manage' }],
      accessChanges: [{ applicationId: crm.id, users: 1 }],
    });

    expect((await api('DELETE', `/principals/${group.id}`)).status).toBe(428);
    expect((await api('DELETE', `/principals/${group.id}`, { ifMatch: group.etag })).status).toBe(412);
    expect((await api('DELETE', `/principals/${group.id}`, { ifMatch: etagOf(withMember) })).status).toBe(204);
    expect((await api('GET', `/principals/${group.id}`)).status).toBe(404);

    const after = await api('GET', `/applications/${crm.id}/rights`);
    expect(after.json().entries.some((e: { principal: { id: string } }) => e.principal.id === group.id)).toBe(false);
    expect(etagOf(after)).not.toBe(etagOf(saved));
    const audit = await latestAudit('principal.delete');
    expect(audit).toMatchObject({ targetId: group.id, before: { name: 'Kurzlebig', members: [user], rightsEntries: [{ level: 'manage' }] } });
  });
});

describe('members', () => {
  it('adds and removes users and nested groups, lists them by name and bumps the ETag', async () => {
    const team = await create('group', 'Team Süd');
    const user = await userByLogin('admin');
    const sales = await principalByName('Vertrieb');
    const first = await api('POST', `/principals/${team.id}/members`, { body: { memberId: user }, ifMatch: team.etag });
    const second = await api('POST', `/principals/${team.id}/members`, { body: { memberId: sales.id }, ifMatch: etagOf(first) });
    expect(second.json()).toMatchObject({ memberCount: 2 });
    const members = (await api('GET', `/principals/${team.id}/members`)).json();
    expect(members.items.map((m: { kind: string; name: string }) => `${m.kind}:${m.name}`)).toEqual(['user:Administrator', 'group:Vertrieb']);
    expect((await api('GET', `/principals/${sales.id}`)).json().memberOf).toContainEqual(expect.objectContaining({ id: team.id, name: 'Team Süd' }));

    const again = await api('POST', `/principals/${team.id}/members`, { body: { memberId: user }, ifMatch: etagOf(second) });
    expect(again.json()).toMatchObject({ status: 409, code: 'already_member' });
    const ghost = await api('POST', `/principals/${team.id}/members`, { body: { memberId: '00000000-0000-4000-8000-000000000001' }, ifMatch: etagOf(second) });
    expect(ghost.json()).toMatchObject({ status: 404, code: 'member_not_found' });
    expect((await api('POST', `/principals/${team.id}/members`, { body: { memberId: user }, ifMatch: team.etag })).status).toBe(412);

    const removed = await api('DELETE', `/principals/${team.id}/members/${user}`, { ifMatch: etagOf(second) });
    expect(removed.json()).toMatchObject({ memberCount: 1 });
    expect((await api('DELETE', `/principals/${team.id}/members/${user}`, { ifMatch: etagOf(removed) })).json()).toMatchObject({
      status: 404,
      code: 'not_a_member',
    });
    expect(await latestAudit('principal.member_remove')).toMatchObject({ targetId: team.id, before: { member: { id: user, kind: 'user' } } });
  });

  it('refuses a membership cycle with 409 naming every principal of the cycle', async () => {
    const staff = await principalByName('Alle Mitarbeiter');
    const sales = await principalByName('Vertrieb');
    const salesDetail = await api('GET', `/principals/${sales.id}`);
    const refused = await api('POST', `/principals/${sales.id}/members`, { body: { memberId: staff.id }, ifMatch: etagOf(salesDetail) });
    expect(refused.status).toBe(409);
    const body = refused.json();
    expect(body.code).toBe('membership_cycle');
    expect(body.cycle.map((c: { name: string }) => c.name)).toEqual(['Alle Mitarbeiter', 'Vertrieb', 'Alle Mitarbeiter']);
    expect(body.detail).toContain('Alle Mitarbeiter → Vertrieb → Alle Mitarbeiter');
    // Nothing changed: the ETag is the same.
    expect(etagOf(await api('GET', `/principals/${sales.id}`))).toBe(etagOf(salesDetail));

    const self = await api('POST', `/principals/${sales.id}/members`, { body: { memberId: sales.id }, ifMatch: etagOf(salesDetail) });
    expect(self.json()).toMatchObject({ code: 'membership_cycle', cycle: [{ name: 'Vertrieb' }, { name: 'Vertrieb' }] });
  });

  it('lists members of an unknown principal as 404', async () => {
    expect((await api('GET', '/principals/00000000-0000-4000-8000-000000000002/members')).status).toBe(404);
  });
});

describe('versions of what a change touches besides its target', () => {
  const etagAt = async (path: string) => etagOf(await api('GET', path));

  it('deleting a group gives new ETags to the containers it was in, its nested members and its users', async () => {
    const outer = await create('group', 'Dach');
    const doomed = await create('group', 'Abgang');
    const inner = await create('distribution_list', 'Innen');
    const user = await userByLogin('admin');
    await api('POST', `/principals/${outer.id}/members`, { body: { memberId: doomed.id }, ifMatch: outer.etag });
    const withInner = await api('POST', `/principals/${doomed.id}/members`, { body: { memberId: inner.id }, ifMatch: await etagAt(`/principals/${doomed.id}`) });
    const withUser = await api('POST', `/principals/${doomed.id}/members`, { body: { memberId: user }, ifMatch: etagOf(withInner) });
    const before = { outer: await etagAt(`/principals/${outer.id}`), inner: await etagAt(`/principals/${inner.id}`), user: await etagAt(`/users/${user}`) };

    expect((await api('DELETE', `/principals/${doomed.id}`, { ifMatch: etagOf(withUser) })).status).toBe(204);

    const outerAfter = await api('GET', `/principals/${outer.id}`);
    expect(outerAfter.json()).toMatchObject({ memberCount: 0 });
    expect(etagOf(outerAfter)).not.toBe(before.outer);
    const innerAfter = await api('GET', `/principals/${inner.id}`);
    expect(innerAfter.json()).toMatchObject({ memberOf: [] });
    expect(etagOf(innerAfter)).not.toBe(before.inner);
    const userAfter = await api('GET', `/users/${user}`);
    expect(userAfter.json().groups.some((group: { id: string }) => group.id === doomed.id)).toBe(false);
    expect(etagOf(userAfter)).not.toBe(before.user);
    // An editor still holding the old version is refused instead of writing over the change.
    expect((await api('PATCH', `/principals/${outer.id}`, { body: { description: 'alt' }, ifMatch: before.outer })).status).toBe(412);
  });

  it('adding and removing a nested member gives the member a new ETag (its memberOf changed)', async () => {
    const container = await create('role', 'Prüfer');
    const member = await create('group', 'Prüfteam');
    const added = await api('POST', `/principals/${container.id}/members`, { body: { memberId: member.id }, ifMatch: container.etag });
    const afterAdd = await api('GET', `/principals/${member.id}`);
    expect(afterAdd.json().memberOf).toEqual([expect.objectContaining({ id: container.id })]);
    expect(etagOf(afterAdd)).not.toBe(member.etag);

    expect((await api('DELETE', `/principals/${container.id}/members/${member.id}`, { ifMatch: etagOf(added) })).status).toBe(200);
    const afterRemove = await api('GET', `/principals/${member.id}`);
    expect(afterRemove.json().memberOf).toEqual([]);
    expect(etagOf(afterRemove)).not.toBe(etagOf(afterAdd));
  });

  it('audits adding and removing a member with the member list before and after', async () => {
    const team = await create('group', 'Team Ost');
    const first = await create('group', 'Ost A');
    const second = await create('group', 'Ost B');
    const one = await api('POST', `/principals/${team.id}/members`, { body: { memberId: first.id }, ifMatch: team.etag });
    const two = await api('POST', `/principals/${team.id}/members`, { body: { memberId: second.id }, ifMatch: etagOf(one) });
    const both = [first.id, second.id].sort();
    expect(await latestAudit('principal.member_add')).toMatchObject({
      targetId: team.id,
      before: { container: { id: team.id }, member: { id: second.id }, members: [first.id] },
      after: { container: { id: team.id }, member: { id: second.id }, members: both },
    });

    await api('DELETE', `/principals/${team.id}/members/${first.id}`, { ifMatch: etagOf(two) });
    expect(await latestAudit('principal.member_remove')).toMatchObject({
      targetId: team.id,
      before: { member: { id: first.id }, members: both },
      after: { member: { id: first.id }, members: [second.id] },
    });
  });
});
