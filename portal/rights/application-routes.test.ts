import { beforeAll, describe, expect, it } from 'vitest';
import { sharedSignedInPortal, type TestResponse } from '../test-support';

const shared = sharedSignedInPortal();
const { api } = shared;
let apps: Map<string, string>;

beforeAll(async () => {
  const list = (await api('GET', '/rights/applications')).json<{ items: { id: string; name: string }[] }>();
  apps = new Map(list.items.map((app) => [app.name, app.id]));
});

function etagOf(response: TestResponse): string {
  const etag = response.headers.etag;
  if (typeof etag !== 'string') throw new Error(`no ETag on ${response.status} ${response.text}`);
  return etag;
}

function appId(name: string): string {
  const id = apps.get(name);
  if (id === undefined) throw new Error(`no application ${name}`);
  return id;
}

async function idOf(kinds: string, q: string, match: (item: { name: string; detail?: string }) => boolean): Promise<string> {
  const result = (await api('GET', `/principals/search?kinds=${kinds}&q=${encodeURIComponent(q)}`)).json<{ items: { id: string; name: string; detail?: string }[] }>();
  const found = result.items.find(match);
  if (!found) throw new Error(`nothing for ${q}`);
  return found.id;
}

const userId = (login: string) => idOf('user', login, (item) => item.detail === login);
const containerId = (name: string) => idOf('group,role,distribution_list', name, (item) => item.name === name);

async function addMember(container: string, member: string) {
  const current = await api('GET', `/principals/${container}`);
  const added = await api('POST', `/principals/${container}/members`, { body: { memberId: member }, ifMatch: etagOf(current) });
  expect(added.status).toBe(200);
}

async function removeMember(container: string, member: string) {
  const current = await api('GET', `/principals/${container}`);
  expect((await api('DELETE', `/principals/${container}/members/${member}`, { ifMatch: etagOf(current) })).status).toBe(200);
}

async function saveRights(application: string, defaultLevel: string, entries: { principalId: string; level: string }[]) {
  const current = await api('GET', `/applications/${application}/rights`);
  const saved = await api('PUT', `/applications/${application}/rights`, { body: { defaultLevel, entries }, ifMatch: etagOf(current) });
  expect(saved.status).toBe(200);
  return saved;
}

describe('application rights', () => {
  it('lists every application with its default and entry count', async () => {
    const list = (await api('GET', '/rights/applications')).json();
    expect(list.items).toHaveLength(5);
    expect(list.items.find((a: { name: string }) => a.name === 'Wissensdatenbank')).toMatchObject({ defaultLevel: 'read', entryCount: 2 });
  });

  it('reads entries with principal names and an ETag, and replaces them with If-Match and an audit entry', async () => {
    const application = appId('Fuhrpark');
    const read = await api('GET', `/applications/${application}/rights`);
    expect(read.json()).toMatchObject({
      applicationName: 'Fuhrpark',
      defaultLevel: 'none',
      entries: [
        { principal: { kind: 'group', name: 'Alle Mitarbeiter' }, level: 'read_add' },
        { principal: { kind: 'group', name: 'IT' }, level: 'edit' },
        { principal: { kind: 'group', name: 'Geschäftsführung' }, level: 'manage' },
      ],
    });
    const admin = await userId('admin');
    const body = { defaultLevel: 'read', entries: [{ principalId: admin, level: 'manage' }] };
    expect((await api('PUT', `/applications/${application}/rights`, { body })).status).toBe(428);
    const saved = await api('PUT', `/applications/${application}/rights`, { body, ifMatch: etagOf(read) });
    expect(saved.json()).toMatchObject({ defaultLevel: 'read', entries: [{ principal: { kind: 'user', name: 'Administrator', detail: 'admin' }, level: 'manage' }] });
    const stale = await api('PUT', `/applications/${application}/rights`, { body, ifMatch: etagOf(read) });
    expect(stale.status).toBe(412);
    expect(stale.json()).toMatchObject({ current: { defaultLevel: 'read' }, currentEtag: etagOf(saved) });
    const audit = (await api('GET', '/audit?limit=5')).json().items.find((e: { action: string }) => e.action === 'application_rights.update');
    expect(audit).toMatchObject({ targetId: application, before: { defaultLevel: 'none' }, after: { defaultLevel: 'read' } });
  });

  it.each([
    ['an unknown principal', () => [{ principalId: '00000000-0000-4000-8000-000000000009', level: 'read' }], 'unknown_principal'],
    ['a duplicate principal', async () => {
      const admin = await userId('admin');
      return [{ principalId: admin, level: 'read' }, { principalId: admin, level: 'edit' }];
    }, 'duplicate_entry'],
  ])('refuses %s with 400 and the entry path', async (_name, entries, code) => {
    const application = appId('Ideenmanagement');
    const read = await api('GET', `/applications/${application}/rights`);
    const response = await api('PUT', `/applications/${application}/rights`, { body: { defaultLevel: 'read', entries: await entries() }, ifMatch: etagOf(read) });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ code, errors: [{ path: expect.stringMatching(/^entries\.\d\.principalId$/) }] });
    expect(etagOf(await api('GET', `/applications/${application}/rights`))).toBe(etagOf(read));
  });

  it('answers 404 for an unknown application and 400 for a bad level', async () => {
    expect((await api('GET', '/applications/00000000-0000-4000-8000-000000000003/rights')).json()).toMatchObject({ status: 404, code: 'application_not_found' });
    const read = await api('GET', `/applications/${appId('CRM')}/rights`);
    expect((await api('PUT', `/applications/${appId('CRM')}/rights`, { body: { defaultLevel: 'write', entries: [] }, ifMatch: etagOf(read) })).status).toBe(400);
  });
});

describe('enforcement', () => {
  it('decides and enforces with the effective level as memberships and entries change', async () => {
    const application = appId('Urlaubsantrag');
    const group = (await api('POST', '/principals', { body: { kind: 'group', name: 'Urlaubsplaner' } })).json<{ id: string }>().id;
    const outsider = await shared.portal.addUser({ login: 'extern.gast', password: 'Gast-Passwort-1', displayName: 'Externer Gast' });
    await saveRights(application, 'none', [{ principalId: group, level: 'edit' }]);

    const denied = await api('GET', `/applications/${application}/access/${outsider}`);
    expect(denied.json()).toMatchObject({ level: 'none', source: 'default', required: 'read', allowed: false });
    expect((await api('GET', `/applications/${application}/launch/${outsider}`)).json()).toMatchObject({ status: 403, code: 'access_denied' });

    await addMember(group, outsider);
    expect((await api('GET', `/applications/${application}/access/${outsider}?require=edit`)).json()).toMatchObject({
      level: 'edit',
      source: 'entry',
      allowed: true,
    });
    expect((await api('GET', `/applications/${application}/access/${outsider}?require=manage`)).json().allowed).toBe(false);
    expect((await api('GET', `/applications/${application}/launch/${outsider}`)).json()).toEqual({
      applicationId: application,
      name: 'Urlaubsantrag',
      level: 'edit',
      capabilities: { read: true, addOwn: true, editAll: true, manageRights: false },
    });

    await removeMember(group, outsider);
    expect((await api('GET', `/applications/${application}/launch/${outsider}`)).status).toBe(403);
  });

  it('refuses disabled accounts at the enforcement point', async () => {
    const disabled = await shared.portal.addUser({ login: 'ehemalig', password: 'Ehemalig-Passwort-1', enabled: false });
    const application = appId('Wissensdatenbank');
    expect((await api('GET', `/applications/${application}/access/${disabled}`)).json()).toMatchObject({ level: 'read', allowed: false });
    expect((await api('GET', `/applications/${application}/launch/${disabled}`)).json()).toMatchObject({ status: 403, code: 'account_disabled' });
  });

  it('answers 404 for unknown users and applications', async () => {
    const admin = await userId('admin');
    expect((await api('GET', `/applications/${appId('CRM')}/access/00000000-0000-4000-8000-000000000004`)).json()).toMatchObject({
      status: 404,
      code: 'user_not_found',
    });
    expect((await api('GET', `/applications/00000000-0000-4000-8000-000000000005/access/${admin}`)).json()).toMatchObject({
      status: 404,
      code: 'application_not_found',
    });
  });
});

describe('explanation data', () => {
  it('returns the upward membership graph of a user with names', async () => {
    const someone = await idOf('user', 'a', () => true);
    const graph = (await api('GET', `/rights/graph/${someone}`)).json<{ principals: { id: string; kind: string }[]; memberships: { memberId: string; containerId: string }[] }>();
    const ids = new Set(graph.principals.map((p) => p.id));
    expect(ids.has(someone)).toBe(true);
    for (const m of graph.memberships) expect(ids.has(m.memberId) && ids.has(m.containerId)).toBe(true);
    expect(graph.principals.filter((p) => p.kind === 'user')).toHaveLength(1);
    expect((await api('GET', '/rights/graph/00000000-0000-4000-8000-000000000006')).json()).toMatchObject({ status: 404, code: 'principal_not_found' });
  });

  it('explains the effective rights of a group through its own entries and the containers above it', async () => {
    const sales = await containerId('Vertrieb');
    const effective = (await api('GET', `/rights/effective/${sales}`)).json();
    const crm = effective.applications.find((a: { applicationName: string }) => a.applicationName === 'CRM');
    expect(crm).toMatchObject({ level: 'edit', source: 'entry', winning: { level: 'edit', path: [{ name: 'Vertrieb' }] } });
    const ideas = effective.applications.find((a: { applicationName: string }) => a.applicationName === 'Ideenmanagement');
    expect(ideas).toMatchObject({ level: 'read_add', source: 'default', winning: null });
    const knowledge = effective.applications.find((a: { applicationName: string }) => a.applicationName === 'Wissensdatenbank');
    expect(knowledge).toMatchObject({ level: 'read', source: 'default' });
  });

  it('exports the effective matrix as CSV with one row per user and one column per application', async () => {
    const response = await shared.portal.request('GET', '/api/v1/rights/matrix.csv', { token: shared.token });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('login,name,enabled,CRM,Fuhrpark,Ideenmanagement,Urlaubsantrag,Wissensdatenbank');
    const users = (await shared.portal.portal.db.execute('select count(*)::int as n from users')) as unknown as { rows: { n: number }[] };
    expect(lines).toHaveLength(1 + users.rows[0]!.n);
    const adminRow = lines.find((line) => line.startsWith('admin,'));
    // Wissensdatenbank: Administratoren has Manage; CRM: the admin is in no group with an entry, default none.
    expect(adminRow).toMatch(/^admin,Administrator,true,none,.*,manage$/);
  });
});

describe('deleting a user named in rights', () => {
  it('changes the ETags of the application rights and groups that named the user', async () => {
    const id = await shared.portal.addUser({ login: 'weg.damit', password: 'Ein-langes-Passwort-2026' });
    const application = appId('CRM');
    const group = await containerId('Vertrieb');
    const rightsBefore = await api('GET', `/applications/${application}/rights`);
    const keep = (rightsBefore.json() as { entries: { principal: { id: string }; level: string }[] }).entries.map((e) => ({
      principalId: e.principal.id,
      level: e.level,
    }));
    await saveRights(application, 'read', [...keep, { principalId: id, level: 'edit' }]);
    await addMember(group, id);
    const rightsEtag = etagOf(await api('GET', `/applications/${application}/rights`));
    const groupEtag = etagOf(await api('GET', `/principals/${group}`));

    const user = await api('GET', `/users/${id}`);
    expect((await api('DELETE', `/users/${id}`, { ifMatch: etagOf(user) })).status).toBe(204);

    const stale = await api('PUT', `/applications/${application}/rights`, { body: { defaultLevel: 'read', entries: keep }, ifMatch: rightsEtag });
    expect(stale.status).toBe(412);
    expect(etagOf(await api('GET', `/principals/${group}`))).not.toBe(groupEtag);
  });
});

describe('membership changes made in the rights area', () => {
  it('change the ETag of the user, whose groups are part of the user resource', async () => {
    const id = await shared.portal.addUser({ login: 'gruppen.wechsel', password: 'Ein-langes-Passwort-2026' });
    const group = await containerId('Einkauf');
    const before = etagOf(await api('GET', `/users/${id}`));
    await addMember(group, id);
    const afterAdd = etagOf(await api('GET', `/users/${id}`));
    expect(afterAdd).not.toBe(before);
    await removeMember(group, id);
    expect(etagOf(await api('GET', `/users/${id}`))).not.toBe(afterAdd);
  });
});

describe('function permissions', () => {
  it('reads every function with an ETag and saves a changed matrix with If-Match and audit', async () => {
    const read = await api('GET', '/function-permissions');
    const current = read.json<{ functions: { function: string; members: string; guests: string }[]; guestsEnabled: boolean }>();
    expect(current.functions.map((f) => f.function)).toEqual([
      'news', 'calendar', 'contacts', 'databases', 'discussions', 'documents', 'photos', 'tasks', 'links', 'surveys',
    ]);
    expect(current.guestsEnabled).toBe(false);
    // The security sheet's screen: "Mitglieder können Meldungen hinzufügen" chosen for each function, no guest box ticked
    // ("Gäste können nur dann auf Ihre Site zugreifen, wenn Sie dies explizit zulassen.").
    expect(current.functions.every((f) => f.members === 'add' && f.guests === 'none')).toBe(true);
    const changed = current.functions.map((f) => (f.function === 'news' ? { ...f, members: 'admins_only', guests: 'participate' } : f));
    expect((await api('PUT', '/function-permissions', { body: { functions: changed } })).status).toBe(428);
    const saved = await api('PUT', '/function-permissions', { body: { functions: changed }, ifMatch: etagOf(read) });
    expect(saved.json().functions[0]).toEqual({ function: 'news', members: 'admins_only', guests: 'participate' });
    expect((await api('PUT', '/function-permissions', { body: { functions: changed }, ifMatch: etagOf(read) })).status).toBe(412);
    const audit = (await api('GET', '/audit?limit=5')).json().items.find((e: { action: string }) => e.action === 'function_permissions.update');
    expect(audit.before[0]).toMatchObject({ function: 'news', members: 'add', guests: 'none' });
  });

  it.each([
    ['a missing function', (fs: unknown[]) => fs.slice(1)],
    ['a duplicated function', (fs: unknown[]) => [...fs.slice(1), fs[1]]],
    ['an unknown value', (fs: unknown[]) => [{ function: 'news', members: 'everyone', guests: 'read' }, ...fs.slice(1)]],
  ])('refuses %s with 400', async (_name, mutate) => {
    const read = await api('GET', '/function-permissions');
    const response = await api('PUT', '/function-permissions', { body: { functions: mutate(read.json().functions) }, ifMatch: etagOf(read) });
    expect(response.status).toBe(400);
  });
});
