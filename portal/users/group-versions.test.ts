import { describe, expect, it } from 'vitest';
import type { UserDetail } from '../../common/portal-api/users';
import { sharedSignedInPortal, type TestResponse } from '../test-support';

/** A group's member count is part of the group: changing users' groups here (service.ts, import.ts) changes its ETag. */

const { api } = sharedSignedInPortal();

const etagOf = (response: TestResponse) => String(response.headers.etag);

async function createGroup(name: string): Promise<string> {
  const response = await api('POST', '/principals', { body: { kind: 'group', name } });
  expect(response.status).toBe(201);
  return response.json<{ id: string }>().id;
}

/** The group's member count and ETag. */
async function groupState(id: string): Promise<{ memberCount: number; etag: string }> {
  const response = await api('GET', `/principals/${id}`);
  return { memberCount: response.json<{ memberCount: number }>().memberCount, etag: etagOf(response) };
}

const userFields = (login: string, groupIds: string[]) => ({
  login,
  displayName: `Test ${login}`,
  email: null,
  language: 'de',
  enabled: true,
  isAdmin: false,
  groupIds,
});

const createUser = (login: string, groupIds: string[]) => api('POST', '/users', { body: { ...userFields(login, groupIds), password: { mode: 'none' } } });

async function finishedImport(jobId: string): Promise<{ state: string; created: number }> {
  for (let i = 0; i < 200; i += 1) {
    const job = (await api('GET', `/users/import/${jobId}`)).json<{ state: string; created: number }>();
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`import ${jobId} did not finish`);
}

describe("changing users' groups gives the groups new ETags", () => {
  it('creating a user with groups', async () => {
    const group = await createGroup('Neue Kollegen');
    const before = await groupState(group);
    expect((await createUser('versions.created', [group])).status).toBe(201);
    const after = await groupState(group);
    expect(after.memberCount).toBe(before.memberCount + 1);
    expect(after.etag).not.toBe(before.etag);
  });

  it('editing the groups: the groups joined and left change, the others do not', async () => {
    const [left, joined, kept] = [await createGroup('Verlassen'), await createGroup('Beigetreten'), await createGroup('Geblieben')];
    const created = await createUser('versions.mover', [left, kept]);
    const user = created.json<{ user: UserDetail }>().user;
    const before = { left: await groupState(left), joined: await groupState(joined), kept: await groupState(kept) };

    const updated = await api('PUT', `/users/${user.id}`, { body: userFields('versions.mover', [kept, joined]), ifMatch: etagOf(created) });
    expect(updated.status).toBe(200);

    const after = { left: await groupState(left), joined: await groupState(joined), kept: await groupState(kept) };
    expect(after.left.memberCount).toBe(before.left.memberCount - 1);
    expect(after.left.etag).not.toBe(before.left.etag);
    expect(after.joined.memberCount).toBe(before.joined.memberCount + 1);
    expect(after.joined.etag).not.toBe(before.joined.etag);
    expect(after.kept).toEqual(before.kept);
    // An editor of the group holding the old version is refused instead of writing over the change.
    expect((await api('PATCH', `/principals/${left}`, { body: { description: 'alt' }, ifMatch: before.left.etag })).status).toBe(412);
  });

  it('adding users to a group in bulk', async () => {
    const group = await createGroup('Sammelgruppe');
    const created = await createUser('versions.bulk', []);
    const user = created.json<{ user: UserDetail }>().user;
    const before = await groupState(group);
    const bulk = await api('POST', '/users/bulk', { body: { action: 'add_to_group', groupId: group, items: [{ id: user.id, etag: etagOf(created) }] } });
    expect(bulk.json()).toMatchObject({ results: [{ outcome: 'ok' }] });
    const after = await groupState(group);
    expect(after.memberCount).toBe(before.memberCount + 1);
    expect(after.etag).not.toBe(before.etag);
  });

  it('importing users into groups: the groups named change, the others do not', async () => {
    const [named, other] = [await createGroup('Importziel'), await createGroup('Unbeteiligt')];
    const before = { named: await groupState(named), other: await groupState(other) };
    const row = (login: string, groups: string) => ({ login, displayName: `Import ${login}`, email: '', language: '', enabled: '', groups });
    const started = await api('POST', '/users/import', { body: { rows: [row('versions.imp1', 'Importziel'), row('versions.imp2', 'importziel')] } });
    expect(started.status).toBe(202);
    expect(await finishedImport(started.json<{ id: string }>().id)).toMatchObject({ state: 'done', created: 2 });

    const after = { named: await groupState(named), other: await groupState(other) };
    expect(after.named.memberCount).toBe(before.named.memberCount + 2);
    expect(after.named.etag).not.toBe(before.named.etag);
    expect(after.other).toEqual(before.other);
  });
});
