import { describe, expect, it } from 'vitest';
import { sharedSignedInPortal, type TestResponse } from '../test-support';

const { api } = sharedSignedInPortal();

function etagOf(response: TestResponse): string {
  const etag = response.headers.etag;
  if (typeof etag !== 'string') throw new Error(`no ETag on ${response.status} ${response.text}`);
  return etag;
}

interface Unit {
  etag: string;
  value: { id: string; parentId: string | null; kind: string; name: string; userCount: number; principalCount: number; childCount: number };
}

async function tree(): Promise<Unit[]> {
  return (await api('GET', '/org-units')).json<{ items: Unit[] }>().items;
}

async function unitNamed(name: string): Promise<Unit> {
  const found = (await tree()).find((unit) => unit.value.name === name);
  if (!found) throw new Error(`no unit ${name}`);
  return found;
}

async function createUnit(parentId: string | null, name: string, kind = 'org_unit') {
  const response = await api('POST', '/org-units', { body: { parentId, kind, name } });
  expect(response.status).toBe(201);
  return { id: response.json<{ id: string }>().id, etag: etagOf(response) };
}

describe('org structure', () => {
  it('lists the demo tree parents first with every employee and group placed', async () => {
    const units = await tree();
    expect(units[0]?.value).toMatchObject({ name: 'Muster GmbH', parentId: null, kind: 'container', childCount: 6 });
    const seen = new Set<string | null>([null]);
    for (const unit of units) {
      expect(seen.has(unit.value.parentId)).toBe(true);
      seen.add(unit.value.id);
    }
    const users = units.reduce((sum, unit) => sum + unit.value.userCount, 0);
    const principals = units.reduce((sum, unit) => sum + unit.value.principalCount, 0);
    expect(users).toBe(50);
    expect(principals).toBe(11);
    expect((await unitNamed('Vertrieb')).value).toMatchObject({ kind: 'org_unit', userCount: 15, principalCount: 1 });
  });

  it('creates, renames and refuses duplicate sibling names and unknown parents', async () => {
    const root = await unitNamed('Muster GmbH');
    const created = await createUnit(root.value.id, 'Marketing');
    expect((await api('POST', '/org-units', { body: { parentId: root.value.id, kind: 'org_unit', name: 'marketing' } })).json()).toMatchObject({
      status: 409,
      code: 'name_taken',
    });
    expect((await api('POST', '/org-units', { body: { parentId: '00000000-0000-4000-8000-000000000007', kind: 'org_unit', name: 'X' } })).json()).toMatchObject({
      status: 400,
      code: 'unknown_parent',
    });
    expect((await api('PATCH', `/org-units/${created.id}`, { body: { name: 'Marketing & PR' } })).status).toBe(428);
    const renamed = await api('PATCH', `/org-units/${created.id}`, { body: { name: 'Marketing & PR' }, ifMatch: created.etag });
    expect(renamed.json()).toMatchObject({ name: 'Marketing & PR' });
    const stale = await api('PATCH', `/org-units/${created.id}`, { body: { description: 'alt' }, ifMatch: created.etag });
    expect(stale.json()).toMatchObject({ status: 412, current: { name: 'Marketing & PR' }, currentEtag: etagOf(renamed) });
    const audit = (await api('GET', '/audit?limit=5')).json().items.find((e: { action: string }) => e.action === 'org_unit.update');
    expect(audit).toMatchObject({ targetId: created.id, before: { name: 'Marketing' }, after: { name: 'Marketing & PR' } });
  });

  it('moves a unit and refuses a move under its own descendant, naming the cycle', async () => {
    const root = await unitNamed('Muster GmbH');
    const upper = await createUnit(root.value.id, 'Werk Süd', 'container');
    const lower = await createUnit(upper.id, 'Fertigung');
    // Creating the child changed the parent (its child count): its ETag is a new one.
    const upperNow = etagOf(await api('GET', `/org-units/${upper.id}`));
    expect(upperNow).not.toBe(upper.etag);
    const refused = await api('PATCH', `/org-units/${upper.id}`, { body: { parentId: lower.id }, ifMatch: upperNow });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'org_unit_cycle' });
    expect(refused.json().cycle.map((c: { name: string }) => c.name)).toEqual(['Werk Süd', 'Fertigung', 'Werk Süd']);
    const external = await unitNamed('Externe Partner');
    const moved = await api('PATCH', `/org-units/${lower.id}`, { body: { parentId: external.value.id }, ifMatch: lower.etag });
    expect(moved.json()).toMatchObject({ parentId: external.value.id });
  });

  it('places users and groups in one unit at a time, and lists them by name', async () => {
    const admin = (await api('GET', '/principals/search?kinds=user&q=admin')).json().items.find((u: { detail: string }) => u.detail === 'admin').id;
    const target = await unitNamed('Externe Partner');
    const previous = (await tree()).find((unit) => unit.value.userCount > 0 && unit.value.name === 'Muster GmbH')!;
    const placed = await api('POST', `/org-units/${target.value.id}/members`, { body: { memberId: admin }, ifMatch: target.etag });
    expect(placed.json()).toMatchObject({ userCount: 1 });
    const members = (await api('GET', `/org-units/${target.value.id}/members`)).json();
    expect(members.items).toEqual([{ kind: 'user', id: admin, name: 'Administrator', detail: 'admin' }]);
    // It left its previous unit, whose ETag changed with it.
    const left = await unitNamed('Muster GmbH');
    expect(left.value.userCount).toBe(previous.value.userCount - 1);
    expect(left.etag).not.toBe(previous.etag);

    expect((await api('POST', `/org-units/${target.value.id}/members`, { body: { memberId: admin }, ifMatch: etagOf(placed) })).json()).toMatchObject({
      status: 409,
      code: 'already_placed',
    });
    const removed = await api('DELETE', `/org-units/${target.value.id}/members/${admin}`, { ifMatch: etagOf(placed) });
    expect(removed.json()).toMatchObject({ userCount: 0 });
    expect((await api('DELETE', `/org-units/${target.value.id}/members/${admin}`, { ifMatch: etagOf(removed) })).json()).toMatchObject({
      status: 404,
      code: 'not_placed_here',
    });
  });

  it('deletes an empty unit (its members become unassigned) but not one with sub-units', async () => {
    const root = await unitNamed('Muster GmbH');
    expect((await api('DELETE', `/org-units/${root.value.id}`, { ifMatch: root.etag })).json()).toMatchObject({ status: 409, code: 'org_unit_not_empty' });
    const purchasing = await unitNamed('Einkauf');
    expect((await api('DELETE', `/org-units/${purchasing.value.id}`)).status).toBe(428);
    expect((await api('DELETE', `/org-units/${purchasing.value.id}`, { ifMatch: purchasing.etag })).status).toBe(204);
    expect((await api('GET', `/org-units/${purchasing.value.id}`)).json()).toMatchObject({ status: 404, code: 'org_unit_not_found' });
    const audit = (await api('GET', '/audit?limit=5')).json().items.find((e: { action: string }) => e.action === 'org_unit.delete');
    expect(audit.before.members).toHaveLength(purchasing.value.userCount + purchasing.value.principalCount);
  });
});

describe('versions of what a structure change touches besides its target', () => {
  const unitEtag = async (id: string) => etagOf(await api('GET', `/org-units/${id}`));

  it('creating, moving and deleting a unit give the parents new ETags (their child count changed)', async () => {
    const root = await unitNamed('Muster GmbH');
    const east = await createUnit(root.value.id, 'Werk Ost', 'container');
    expect(await unitEtag(root.value.id)).not.toBe(root.etag);
    const west = await createUnit(root.value.id, 'Werk West', 'container');

    const eastBefore = await unitEtag(east.id);
    const line = await createUnit(east.id, 'Linie 1');
    const eastWithLine = await api('GET', `/org-units/${east.id}`);
    expect(eastWithLine.json()).toMatchObject({ childCount: 1 });
    expect(etagOf(eastWithLine)).not.toBe(eastBefore);

    const westBefore = await unitEtag(west.id);
    const moved = await api('PATCH', `/org-units/${line.id}`, { body: { parentId: west.id }, ifMatch: line.etag });
    expect(moved.status).toBe(200);
    const [eastAfter, westAfter] = [await api('GET', `/org-units/${east.id}`), await api('GET', `/org-units/${west.id}`)];
    expect(eastAfter.json()).toMatchObject({ childCount: 0 });
    expect(etagOf(eastAfter)).not.toBe(etagOf(eastWithLine));
    expect(westAfter.json()).toMatchObject({ childCount: 1 });
    expect(etagOf(westAfter)).not.toBe(westBefore);

    expect((await api('DELETE', `/org-units/${line.id}`, { ifMatch: etagOf(moved) })).status).toBe(204);
    const westEmptied = await api('GET', `/org-units/${west.id}`);
    expect(westEmptied.json()).toMatchObject({ childCount: 0 });
    expect(etagOf(westEmptied)).not.toBe(etagOf(westAfter));
  });

  it('placing, taking out and deleting the unit give a group new ETags (its orgUnitId changed)', async () => {
    const root = await unitNamed('Muster GmbH');
    const group = (await api('POST', '/principals', { body: { kind: 'group', name: 'Wanderer' } })).json<{ id: string }>().id;
    const groupState = async () => {
      const response = await api('GET', `/principals/${group}`);
      return { orgUnitId: response.json<{ orgUnitId: string | null }>().orgUnitId, etag: etagOf(response) };
    };
    const first = await createUnit(root.value.id, 'Station 1');
    const second = await createUnit(root.value.id, 'Station 2');
    const seen = [(await groupState()).etag];
    const expectGroup = async (orgUnitId: string | null) => {
      const state = await groupState();
      expect(state.orgUnitId).toBe(orgUnitId);
      expect(seen).not.toContain(state.etag);
      seen.push(state.etag);
    };

    await api('POST', `/org-units/${first.id}/members`, { body: { memberId: group }, ifMatch: first.etag });
    await expectGroup(first.id);
    await api('POST', `/org-units/${second.id}/members`, { body: { memberId: group }, ifMatch: second.etag });
    await expectGroup(second.id);
    await api('DELETE', `/org-units/${second.id}/members/${group}`, { ifMatch: await unitEtag(second.id) });
    await expectGroup(null);
    await api('POST', `/org-units/${first.id}/members`, { body: { memberId: group }, ifMatch: await unitEtag(first.id) });
    await expectGroup(first.id);
    expect((await api('DELETE', `/org-units/${first.id}`, { ifMatch: await unitEtag(first.id) })).status).toBe(204);
    await expectGroup(null);
  });
});
