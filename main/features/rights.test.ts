import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatrixExport, RightsExplanation, VersionedApplicationRights, VersionedPrincipal } from '../../common/contract';
import type { ApplicationRightsSummary, PrincipalRef } from '../../common/portal-api/rights';
import type { Backend } from '../backend';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { readDownload } from '../test-support/transfers';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';

const ADMIN = DEMO_ADMIN;

let backend: Backend;

const { call, failure } = contractCaller(() => backend);

async function applicationNamed(name: string): Promise<ApplicationRightsSummary> {
  const list = await call<ApplicationRightsSummary[]>('rights:listApplications');
  const found = list.find((app) => app.name === name);
  if (!found) throw new Error(`no application ${name}`);
  return found;
}

async function find(q: string, kinds: string[]): Promise<PrincipalRef> {
  const found = await call<PrincipalRef[]>('rights:searchPrincipals', { q, kinds });
  if (!found[0]) throw new Error(`nothing found for ${q}`);
  return found[0];
}

let harness: TestBackend;

beforeAll(async () => {
  harness = await createTestBackend('rights');
  ({ backend } = harness);
});

afterAll(() => harness?.close());

describe('rights handlers', () => {
  it('need a signed-in session', async () => {
    expect(await failure('rights:listApplications')).toMatchObject({ code: 'NOT_SIGNED_IN' });
    await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...ADMIN, remember: false });
  });

  it('validate requests before they reach the portal', async () => {
    expect(await failure('rights:getPrincipal', { id: 'nope' })).toMatchObject({ code: 'VALIDATION' });
    expect(await failure('rights:createPrincipal', { kind: 'team', name: '' })).toMatchObject({ code: 'VALIDATION' });
  });

  it('give a group Edit, explain Edit through it after adding a user, and the default after removing them', async () => {
    const app = await applicationNamed('Ideenmanagement');
    const group = await call<VersionedPrincipal>('rights:createPrincipal', { kind: 'group', name: 'Innovationszirkel', description: '' });
    const rights = await call<VersionedApplicationRights>('rights:getApplicationRights', { applicationId: app.id });
    await call('rights:saveApplicationRights', {
      applicationId: app.id,
      ifMatch: rights.etag,
      defaultLevel: rights.value.defaultLevel,
      entries: [...rights.value.entries.map((e) => ({ principalId: e.principal.id, level: e.level })), { principalId: group.value.id, level: 'edit' }],
    });
    const admin = await find('admin', ['user']);
    const withMember = await call<VersionedPrincipal>('rights:addMember', { id: group.value.id, memberId: admin.id, ifMatch: group.etag });

    const explained = await call<RightsExplanation>('rights:explain', { applicationId: app.id, userId: admin.id });
    expect(explained).toMatchObject({ level: 'edit', source: 'entry', enforced: { level: 'edit', source: 'entry', allowed: true } });
    const winning = explained.contributions.find((c) => c.winning);
    expect(winning?.path.map((step) => step.name)).toEqual(['Administrator', 'Innovationszirkel']);

    await call('rights:removeMember', { id: group.value.id, memberId: admin.id, ifMatch: withMember.etag });
    const after = await call<RightsExplanation>('rights:explain', { applicationId: app.id, userId: admin.id });
    expect(after).toMatchObject({ level: 'read_add', source: 'default', contributions: [], enforced: { level: 'read_add', source: 'default' } });
    expect(after.notApplying.map((entry) => entry.principal.name)).toContain('Innovationszirkel');
  });

  it('report a membership cycle as CONFLICT with the named cycle', async () => {
    const staff = await find('Alle Mitarbeiter', ['group']);
    const it = await find('IT', ['group']);
    const itDetail = await call<VersionedPrincipal>('rights:getPrincipal', { id: it.id });
    const error = await failure('rights:addMember', { id: it.id, memberId: staff.id, ifMatch: itDetail.etag });
    expect(error).toMatchObject({ code: 'CONFLICT', details: { problemCode: 'membership_cycle' } });
    expect((error.details?.cycle as { name: string }[]).map((c) => c.name)).toEqual(['Alle Mitarbeiter', 'IT', 'Alle Mitarbeiter']);
  });

  it('report a stale ETag as PRECONDITION_FAILED with the current version', async () => {
    const group = await call<VersionedPrincipal>('rights:createPrincipal', { kind: 'role', name: 'Prüfer', description: 'alt' });
    const renamed = await call<VersionedPrincipal>('rights:updatePrincipal', { id: group.value.id, ifMatch: group.etag, description: 'neu' });
    const error = await failure('rights:updatePrincipal', { id: group.value.id, ifMatch: group.etag, description: 'meins' });
    expect(error).toMatchObject({ code: 'PRECONDITION_FAILED', details: { current: { description: 'neu' }, currentEtag: renamed.etag } });
    const impact = await call<{ directMembers: number }>('rights:principalImpact', { id: group.value.id });
    expect(impact.directMembers).toBe(0);
    expect(await call('rights:deletePrincipal', { id: group.value.id, ifMatch: renamed.etag })).toEqual({ ok: true });
  });

  it('compare two principals through their effective rights', async () => {
    const sales = await find('Vertrieb', ['group']);
    const management = await find('Geschäftsführung', ['group']);
    const [a, b] = await Promise.all([
      call<{ applications: { applicationName: string; level: string }[] }>('rights:effective', { principalId: sales.id }),
      call<{ applications: { applicationName: string; level: string }[] }>('rights:effective', { principalId: management.id }),
    ]);
    const crm = (list: typeof a) => list.applications.find((x) => x.applicationName === 'CRM')?.level;
    expect([crm(a), crm(b)]).toEqual(['edit', 'manage']);
  });

  it('export the matrix as CSV with one row per user, streamed through a one-time address', async () => {
    const exported = await call<MatrixExport>('rights:exportMatrix');
    expect(exported).toMatchObject({ kind: 'url', file: expect.stringMatching(/^rights-matrix-\d{4}-\d{2}-\d{2}\.csv$/) });
    const { answer, bytes } = await readDownload(exported);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = bytes.toString('utf8').split('\r\n').filter((line) => line.length > 0);
    expect(rows[0]).toContain('login,name,enabled,CRM');
    expect(rows).toHaveLength(51);
    await expect(readDownload(exported)).rejects.toThrow(/spent/);
  });

  it('save function permissions and org units with ETags', async () => {
    const permissions = await call<{ etag: string; value: { functions: { function: string; members: string; guests: string }[] } }>('rights:getFunctionPermissions');
    const functions = permissions.value.functions.map((f) => (f.function === 'documents' ? { ...f, guests: 'read' } : f));
    const saved = await call<{ etag: string; value: { functions: { guests: string }[] } }>('rights:saveFunctionPermissions', { ifMatch: permissions.etag, functions });
    expect(saved.etag).not.toBe(permissions.etag);
    expect(await failure('rights:saveFunctionPermissions', { ifMatch: permissions.etag, functions })).toMatchObject({ code: 'PRECONDITION_FAILED' });

    const tree = await call<{ items: { etag: string; value: { id: string; name: string; parentId: string | null } }[] }>('rights:listOrgUnits');
    const root = tree.items[0]!;
    const created = await call<{ etag: string; value: { id: string } }>('rights:createOrgUnit', { parentId: root.value.id, kind: 'org_unit', name: 'Qualität', description: '' });
    const admin = await find('admin', ['user']);
    const placed = await call<{ etag: string; value: { userCount: number } }>('rights:placeInOrgUnit', { id: created.value.id, memberId: admin.id, ifMatch: created.etag });
    expect(placed.value.userCount).toBe(1);
    const members = await call<{ items: PrincipalRef[] }>('rights:listOrgUnitMembers', { id: created.value.id });
    expect(members.items.map((m) => m.name)).toEqual(['Administrator']);
    // The admin left the root unit, so the root has a new ETag.
    const rootNow = (await call<typeof tree>('rights:listOrgUnits')).items[0]!;
    expect(rootNow.etag).not.toBe(root.etag);
    const moveError = await failure('rights:updateOrgUnit', { id: root.value.id, ifMatch: rootNow.etag, parentId: created.value.id });
    expect(moveError).toMatchObject({ code: 'CONFLICT', details: { problemCode: 'org_unit_cycle' } });
  });
});
