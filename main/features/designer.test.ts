import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationDefinition } from '../../common/domain/application-definition';
import { startPortal, type RunningPortal } from '../../portal/server';
import { createBackend, type Backend } from '../backend';
import { createMemoryVault } from '../test-support/memory-vault';
import { contractCaller, DEMO_ADMIN } from '../test-support/backend-harness';

const ADMIN = DEMO_ADMIN;

let userDataDir: string;
let portal: RunningPortal;
let backend: Backend;
let profileId: string;
const vault = createMemoryVault();

const { call, failure } = contractCaller(() => backend);

async function startBackend(): Promise<Backend> {
  return createBackend({ userDataDir, vault, shell: 'browser', appVersion: '0.0.0-test', embeddedPortal: null });
}

function definition(controlFieldId = 'f_dest'): ApplicationDefinition {
  return ApplicationDefinition.parse({
    dataGroups: [
      {
        id: 'dg_trips',
        name: 'Reisen',
        tableName: 'trips',
        fields: [{ id: 'f_dest', name: 'Reiseziel', type: 'text', required: true, maxLength: 200, choices: [] }],
      },
    ],
    pages: [
      {
        id: 'p_main',
        title: 'Reise',
        dataGroupId: 'dg_trips',
        controls: [{ id: 'c_dest', kind: 'textfield', label: 'Reiseziel', fieldId: controlFieldId, x: 0, y: 0, w: 6 }],
      },
    ],
  });
}

type Versioned<T> = { etag: string; value: T };

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'portal-console-designer-'));
  portal = await startPortal({ memory: true, demo: true, environment: 'test' });
  backend = await startBackend();
  profileId = (await call<{ id: string }>('profiles:create', { name: 'Kunde Test', url: portal.url, environment: 'test' })).id;
  await call('connection:trust', { profileId, spki: portal.spki, slot: 'primary' });
  await call('session:signIn', { profileId, ...ADMIN, remember: false });
});

afterAll(async () => {
  await backend?.close();
  await portal?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

describe('designer drafts and publishing through the backend', () => {
  let applicationId: string;
  let baseEtag: string;

  it('needs a session for drafts', async () => {
    await call('session:signOut');
    expect(await failure('drafts:list', {})).toMatchObject({ code: 'NOT_SIGNED_IN' });
    await call('session:signIn', { profileId, ...ADMIN, remember: false });
  });

  it('keeps a draft on disk across a console restart', async () => {
    applicationId = (await call<{ id: string }>('applications:create', { name: 'Reisekosten' })).id;
    const published = await call<Versioned<{ version: number }>>('applications:definition', { applicationId });
    expect(published.value.version).toBe(0);
    baseEtag = published.etag;
    await call('drafts:save', { kind: 'application', id: applicationId, baseEtag, baseVersion: 0, content: definition() });

    await backend.close();
    backend = await startBackend();
    await call('session:signIn', { profileId, ...ADMIN, remember: false });

    expect(await call('drafts:get', { kind: 'application', id: applicationId })).toMatchObject({ baseEtag, content: definition() });
    expect(await call('drafts:list', { kind: 'application' })).toEqual([expect.objectContaining({ id: applicationId, baseVersion: 0 })]);
    expect(await readdir(join(userDataDir, 'drafts', profileId))).toEqual([`application-${applicationId}.json`]);
  });

  it('keeps the draft when the portal refuses the definition, and says which rules it breaks', async () => {
    const broken = definition('f_gone');
    await call('drafts:save', { kind: 'application', id: applicationId, baseEtag, baseVersion: 0, content: broken });
    const error = await failure('applications:publish', { applicationId, definition: broken, ifMatch: baseEtag });
    expect(error).toMatchObject({ code: 'VALIDATION', details: { problemCode: 'definition_invalid' } });
    expect(error.details?.errors).toEqual([{ path: 'pages[0].controls[0].fieldId', message: expect.stringMatching(/^control_field_missing: /) }]);
    expect(await call('drafts:get', { kind: 'application', id: applicationId })).not.toBeNull();
  });

  it('publishes with If-Match, then removes the draft; the version appears in the history', async () => {
    await call('drafts:save', { kind: 'application', id: applicationId, baseEtag, baseVersion: 0, content: definition() });
    const published = await call<Versioned<{ version: number }>>('applications:publish', {
      applicationId,
      definition: definition(),
      comment: 'Erste Fassung',
      ifMatch: baseEtag,
    });
    expect(published).toMatchObject({ etag: `"definition.${applicationId}.v1"`, value: { version: 1 } });
    expect(await call('drafts:get', { kind: 'application', id: applicationId })).toBeNull();
    const versions = await call<{ items: Array<{ version: number; comment: string }> }>('applications:versions', { applicationId });
    expect(versions.items).toEqual([expect.objectContaining({ version: 1, comment: 'Erste Fassung' })]);
    expect(await call('applications:version', { applicationId, version: 1 })).toMatchObject({ definition: definition() });
  });

  it('maps a stale publish to PRECONDITION_FAILED with the portal\'s version, and keeps the draft', async () => {
    await call('drafts:save', { kind: 'application', id: applicationId, baseEtag, baseVersion: 0, content: definition() });
    const error = await failure('applications:publish', { applicationId, definition: definition(), ifMatch: baseEtag });
    expect(error).toMatchObject({
      code: 'PRECONDITION_FAILED',
      details: { currentEtag: `"definition.${applicationId}.v1"`, current: { version: 1, definition: definition() } },
    });
    expect(await call('drafts:get', { kind: 'application', id: applicationId })).not.toBeNull();
  });

  it('refuses a malformed definition before it reaches the portal', async () => {
    const error = await failure('applications:publish', { applicationId, definition: { dataGroups: [], pages: 'x' }, ifMatch: baseEtag });
    expect(error.code).toBe('VALIDATION');
  });

  it('saves a layout and removes its draft', async () => {
    const list = await call<{ items: Array<{ id: string; name: string }> }>('layouts:list', {});
    const standard = list.items.find((layout) => layout.name === 'Standard')!;
    const current = await call<Versioned<Record<string, unknown>>>('layouts:get', { layoutId: standard.id });
    const content = { name: 'Standard', primaryColor: '#2b8a3e', accentColor: '#1864ab', logo: null, customCss: 'a { color: #1864ab }' };
    await call('drafts:save', { kind: 'layout', id: standard.id, baseEtag: current.etag, baseVersion: 1, content });
    const saved = await call<Versioned<{ primaryColor: string }>>('layouts:save', { layoutId: standard.id, layout: content, ifMatch: current.etag });
    expect(saved.value.primaryColor).toBe('#2b8a3e');
    expect(await call('drafts:get', { kind: 'layout', id: standard.id })).toBeNull();
  });
});

describe('records, publishing over data and rollback through the backend', () => {
  type Record_ = { id: string; values: Record<string, unknown>; parentRecordId: string | null };

  it('lists, creates, changes and deletes records of a published demo application', async () => {
    const crm = (await call<{ items: Array<{ id: string }> }>('applications:list', { q: 'CRM' })).items[0]!;
    const firmen = await call<{ items: Record_[]; total: number }>('applications:records', { applicationId: crm.id, dataGroupId: 'dg_firmen', sort: 'f_firma_name', limit: 5 });
    expect(firmen.total).toBe(30);
    expect(firmen.items).toHaveLength(5);

    const created = await call<Versioned<Record_>>('applications:createRecord', {
      applicationId: crm.id,
      dataGroupId: 'dg_firmen',
      values: { f_firma_name: 'Zeppelin Logistik GmbH', f_firma_branche: 'Handel', f_firma_ma: 12 },
    });
    expect(created.etag).toBe(`"record.${created.value.id}.v1"`);
    const invalid = await failure('applications:createRecord', { applicationId: crm.id, dataGroupId: 'dg_firmen', values: { f_firma_name: 'Zeppelin Logistik GmbH', f_firma_branche: 'Handel' } });
    expect(invalid).toMatchObject({ code: 'CONFLICT', details: { problemCode: 'record_not_unique' } });

    const kontakt = await call<Versioned<Record_>>('applications:createRecord', {
      applicationId: crm.id,
      dataGroupId: 'dg_kontakte',
      parentRecordId: created.value.id,
      values: { f_kontakt_vorname: 'Ida', f_kontakt_nachname: 'Zeppelin' },
    });
    const read = await call<Versioned<Record_>>('applications:record', { applicationId: crm.id, recordId: kontakt.value.id });
    expect(read.value.parentRecordId).toBe(created.value.id);
    const updated = await call<Versioned<Record_>>('applications:updateRecord', {
      applicationId: crm.id,
      recordId: kontakt.value.id,
      values: { f_kontakt_vorname: 'Ida', f_kontakt_nachname: 'Zeppelin-Berg' },
      ifMatch: read.etag,
    });
    expect(updated.value.values.f_kontakt_nachname).toBe('Zeppelin-Berg');
    expect(await failure('applications:deleteRecord', { applicationId: crm.id, recordId: kontakt.value.id, ifMatch: read.etag })).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await call('applications:deleteRecord', { applicationId: crm.id, recordId: created.value.id, ifMatch: created.etag })).toEqual({ deleted: 2 });
  });

  it('carries the data impact of an unconfirmed publish to the renderer, publishes when confirmed, and rolls back', async () => {
    const applicationId = await reisenId();
    const reisen = await call<Versioned<{ version: number; definition: ApplicationDefinition }>>('applications:definition', { applicationId });
    await call('applications:createRecord', { applicationId, dataGroupId: 'dg_trips', values: { f_dest: 'Hamburg' } });
    const dropped = ApplicationDefinition.parse({ dataGroups: [], pages: [{ id: 'p_start', title: 'Start', dataGroupId: null, controls: [{ id: 'c_hi', kind: 'label', label: 'Hallo', fieldId: null, x: 0, y: 0, w: 6 }] }] });
    const refused = await failure('applications:publish', { applicationId, definition: dropped, ifMatch: reisen.etag });
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      details: { problemCode: 'data_loss_unconfirmed', dataImpact: [{ kind: 'dataGroupDropped', dataGroupId: 'dg_trips', dataGroupName: 'Reisen', records: 1 }] },
    });
    const published = await call<Versioned<{ version: number; dataChanges: { recordsDeleted: number } }>>('applications:publish', { applicationId, definition: dropped, ifMatch: reisen.etag, confirmDataLoss: true });
    expect(published.value).toMatchObject({ version: reisen.value.version + 1, dataChanges: { recordsDeleted: 1 } });

    const rolledBack = await call<Versioned<{ version: number; definition: ApplicationDefinition }>>('applications:rollback', { applicationId, version: reisen.value.version, ifMatch: published.etag });
    expect(rolledBack.value).toMatchObject({ version: reisen.value.version + 2, definition: reisen.value.definition });
    expect(await call('applications:records', { applicationId, dataGroupId: 'dg_trips' })).toMatchObject({ total: 0 });
  });

  async function reisenId(): Promise<string> {
    return (await call<{ items: Array<{ id: string }> }>('applications:list', { q: 'Reisekosten' })).items[0]!.id;
  }
});
