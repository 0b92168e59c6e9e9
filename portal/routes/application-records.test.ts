import { describe, expect, it } from 'vitest';
import { newDataGroupDefinition, newFieldDefinition, type ApplicationDefinition } from '../../common/domain/application-definition';
import type { DataImpactEntry } from '../../common/domain/application-data-impact';
import type { ApplicationPage, ApplicationRecord, PublishedDefinitionDoc, RecordPage } from '../../common/portal-api/designer';
import { applicationFromGroups, type GroupSpec } from '../demo/applications';
import { sharedSignedInPortal } from '../test-support';

const shared = sharedSignedInPortal();
const api = shared.api;

type AuditEntry = { action: string; targetId: string | null; before: unknown; after: unknown };
async function auditActions(targetId: string): Promise<string[]> {
  const entries = (await api('GET', '/audit?limit=500')).json<{ items: AuditEntry[] }>().items;
  return entries.filter((entry) => entry.targetId === targetId).map((entry) => entry.action);
}

const field = newFieldDefinition;
function projectGroups(): GroupSpec[] {
  const projekte = newDataGroupDefinition({
    id: 'dg_projekte',
    name: 'Projekte',
    tableName: 'projekte',
    fields: [
      field({ id: 'f_name', name: 'Name', type: 'text', required: true, unique: true, maxLength: 40, pattern: '[A-Z].*' }),
      field({ id: 'f_budget', name: 'Budget', type: 'decimal', precision: 2, min: 0, max: 1_000_000 }),
      field({ id: 'f_start', name: 'Start', type: 'date' }),
      field({ id: 'f_status', name: 'Status', type: 'choice', choices: [{ value: 'offen', label: 'Offen' }, { value: 'fertig', label: 'Fertig' }] }),
      field({ id: 'f_code', name: 'Code', type: 'text', maxLength: 20 }),
      field({ id: 'f_mail', name: 'E-Mail', type: 'email', maxLength: 100 }),
    ],
  });
  const aufgaben = newDataGroupDefinition({
    id: 'dg_aufgaben',
    name: 'Aufgaben',
    tableName: 'aufgaben',
    parentId: 'dg_projekte',
    onParentDelete: 'cascade',
    fields: [field({ id: 'f_titel', name: 'Titel', type: 'text', required: true, maxLength: 80 }), field({ id: 'f_stunden', name: 'Stunden', type: 'integer', min: 0, max: 1000 })],
  });
  const notizen = newDataGroupDefinition({
    id: 'dg_notizen',
    name: 'Notizen',
    tableName: 'notizen',
    parentId: 'dg_projekte',
    onParentDelete: 'restrict',
    fields: [field({ id: 'f_text', name: 'Text', type: 'longText', required: true, maxLength: 1000 })],
  });
  const verweise = newDataGroupDefinition({
    id: 'dg_verweise',
    name: 'Verweise',
    tableName: 'verweise',
    fields: [
      field({ id: 'f_label', name: 'Bezeichnung', type: 'text', required: true, maxLength: 80 }),
      field({ id: 'f_aufgabe', name: 'Aufgabe', type: 'reference', referenceDataGroupId: 'dg_aufgaben' }),
    ],
  });
  const spec = (group: typeof projekte, singular: string, columns: string[]): GroupSpec => ({ group, singular, columns, sort: { column: 'created', direction: 'asc' } });
  return [
    spec(projekte, 'Projekt', ['f_name', 'f_budget']),
    spec(aufgaben, 'Aufgabe', ['f_titel', 'f_stunden']),
    spec(notizen, 'Notiz', ['f_text']),
    spec(verweise, 'Verweis', ['f_label']),
  ];
}

async function createApplication(name: string, definition: ApplicationDefinition): Promise<{ id: string; etag: string }> {
  const id = (await api('POST', '/applications', { body: { name } })).json<{ id: string }>().id;
  const empty = (await api('GET', `/applications/${id}/definition`)).headers.etag as string;
  const published = await api('PUT', `/applications/${id}/definition`, { body: { definition, comment: 'v1' }, ifMatch: empty });
  expect(published.status, published.text).toBe(200);
  return { id, etag: published.headers.etag as string };
}

async function create(appId: string, group: string, values: Record<string, unknown>, parentRecordId?: string) {
  return api('POST', `/applications/${appId}/data-groups/${group}/records`, { body: { values, ...(parentRecordId && { parentRecordId }) } });
}
async function created(appId: string, group: string, values: Record<string, unknown>, parentRecordId?: string): Promise<ApplicationRecord & { etag: string }> {
  const response = await create(appId, group, values, parentRecordId);
  expect(response.status, response.text).toBe(201);
  return { ...response.json<ApplicationRecord>(), etag: response.headers.etag as string };
}
const list = (appId: string, group: string, query = '') => api('GET', `/applications/${appId}/data-groups/${group}/records${query}`);

describe('demo application records', () => {
  it('the CRM is published with its Firmen, sorted, filtered, paged, and Kontakte as children of a Firma', async () => {
    const crm = (await api('GET', '/applications?q=CRM')).json<ApplicationPage>().items[0]!;
    expect(crm.publishedVersion).toBe(1);
    const first = (await list(crm.id, 'dg_firmen', '?sort=f_firma_name&limit=10')).json<RecordPage>();
    expect(first.total).toBe(30);
    expect(first.items).toHaveLength(10);
    const names = first.items.map((record) => String(record.values.f_firma_name));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
    const next = (await list(crm.id, 'dg_firmen', '?sort=f_firma_name&limit=10&offset=10')).json<RecordPage>();
    expect(next.items.map((record) => record.id)).not.toContain(first.items[0]!.id);

    const large = (await list(crm.id, 'dg_firmen', '?filterColumn=f_firma_ma&filterOperator=greaterThan&filterValue=1000&sort=f_firma_ma&direction=desc&limit=200')).json<RecordPage>();
    expect(large.items.every((record) => Number(record.values.f_firma_ma) > 1000)).toBe(true);
    expect(large.items.map((record) => record.values.f_firma_ma)).toEqual(large.items.map((r) => r.values.f_firma_ma).sort((a, b) => Number(b) - Number(a)));
    const all = (await list(crm.id, 'dg_firmen', '?limit=200')).json<RecordPage>().items;
    expect(large.total).toBe(all.filter((record) => Number(record.values.f_firma_ma) > 1000).length);

    const firma = first.items[0]!;
    const contacts = (await list(crm.id, 'dg_kontakte', `?parentRecordId=${firma.id}`)).json<RecordPage>();
    expect(contacts.total).toBeGreaterThanOrEqual(2);
    expect(contacts.items.every((record) => record.parentRecordId === firma.id)).toBe(true);
    const active = (await list(crm.id, 'dg_firmen', '?filterColumn=f_firma_aktiv&filterOperator=equals&filterValue=false&limit=200')).json<RecordPage>();
    expect(active.items.map((r) => r.id).sort()).toEqual(all.filter((r) => r.values.f_firma_aktiv === false).map((r) => r.id).sort());
    const named = (await list(crm.id, 'dg_firmen', `?filterColumn=f_firma_name&filterOperator=contains&filterValue=${encodeURIComponent(String(firma.values.f_firma_name).slice(0, 6).toUpperCase())}`)).json<RecordPage>();
    expect(named.items.map((r) => r.id)).toContain(firma.id);
  });

  it('filters with every operator of the table view, on fields and system fields, and agrees with the records themselves', async () => {
    const crm = (await api('GET', '/applications?q=CRM')).json<ApplicationPage>().items[0]!;
    const all = (await list(crm.id, 'dg_firmen', '?limit=200')).json<RecordPage>().items;
    const ids = async (query: string) => (await list(crm.id, 'dg_firmen', `?limit=200&${query}`)).json<RecordPage>().items.map((r) => r.id).sort();
    const expected = (keep: (record: ApplicationRecord) => boolean) => all.filter(keep).map((r) => r.id).sort();
    const empty = (value: unknown) => value === null || value === undefined || value === '';
    expect(await ids('filterColumn=f_firma_notiz&filterOperator=isEmpty')).toEqual(expected((r) => empty(r.values.f_firma_notiz)));
    expect(await ids('filterColumn=f_firma_notiz&filterOperator=isNotEmpty')).toEqual(expected((r) => !empty(r.values.f_firma_notiz)));
    expect(await ids('filterColumn=f_firma_branche&filterOperator=notEquals&filterValue=handel')).toEqual(expected((r) => r.values.f_firma_branche !== 'Handel'));
    expect(await ids('filterColumn=f_firma_umsatz&filterOperator=lessThan&filterValue=1000000,5')).toEqual(expected((r) => Number(r.values.f_firma_umsatz) < 1_000_000.5));
    const day = String(all[0]!.values.f_firma_seit);
    expect(await ids(`filterColumn=f_firma_seit&filterOperator=greaterThan&filterValue=${day}`)).toEqual(expected((r) => String(r.values.f_firma_seit) > day));
    const created = all[5]!.created;
    expect(await ids(`filterColumn=created&filterOperator=lessThan&filterValue=${encodeURIComponent(created)}`)).toEqual(expected((r) => r.created < created));
    expect(await ids(`filterColumn=created&filterOperator=equals&filterValue=${created.slice(0, 10)}`)).toEqual(expected((r) => r.created.slice(0, 10) === created.slice(0, 10)));
    expect(await ids('filterColumn=owner&filterOperator=equals&filterValue=ADMIN')).toEqual(expected(() => true));
    const newest = (await list(crm.id, 'dg_firmen', '?sort=created&direction=desc&limit=3')).json<RecordPage>().items.map((r) => r.created);
    expect(newest).toEqual([...all.map((r) => r.created)].sort().reverse().slice(0, 3));
  });

  it('refuses an unknown column, a filter value of the wrong type and an unknown data group with 4xx', async () => {
    const crm = (await api('GET', '/applications?q=CRM')).json<ApplicationPage>().items[0]!;
    expect((await list(crm.id, 'dg_firmen', '?sort=nope')).json()).toMatchObject({ status: 400, code: 'unknown_column' });
    expect((await list(crm.id, 'dg_firmen', '?filterColumn=f_firma_ma&filterOperator=lessThan&filterValue=viele')).json()).toMatchObject({ status: 400, code: 'filter_value_invalid' });
    expect((await list(crm.id, 'dg_firmen', '?filterColumn=changed&filterOperator=greaterThan&filterValue=2027-99-99T99:00')).status).toBe(400);
    expect((await list(crm.id, 'dg_gibtsnicht')).json()).toMatchObject({ status: 404, code: 'data_group_not_found' });
    expect((await list(crm.id, 'dg_firmen', '?limit=100000')).status).toBe(400);
  });
});

describe('records of a data group', () => {
  it('checks values against the published definition and answers each broken rule by field', async () => {
    const app = await createApplication('Projekte Werte', applicationFromGroups(projectGroups()));
    const response = await create(app.id, 'dg_projekte', { f_name: 'kleingeschrieben', f_budget: 12.345, f_start: '2027-02-30', f_status: 'weg', f_mail: 'kein-at', f_gibts: 1 });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ code: 'record_invalid' });
    const errors = response.json<{ errors: Array<{ path: string; message: string }> }>().errors.map((error) => `${error.path} ${error.message.split(':')[0]}`);
    expect(errors.sort()).toEqual(
      ['values.f_budget too_many_decimals', 'values.f_gibts unknown_field', 'values.f_mail invalid_email', 'values.f_name pattern_mismatch', 'values.f_start invalid_date', 'values.f_status not_a_choice'].sort(),
    );
    expect((await create(app.id, 'dg_projekte', { f_budget: '12' })).json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['values.f_budget', 'values.f_name']);

    const record = await created(app.id, 'dg_projekte', { f_name: 'Alpha', f_budget: 1200.5, f_start: '2027-03-01', f_status: 'offen' });
    expect(record).toMatchObject({ dataGroupId: 'dg_projekte', parentRecordId: null, owner: 'admin', version: 1, values: { f_name: 'Alpha', f_budget: 1200.5, f_code: null } });
    expect(record.etag).toBe(`"record.${record.id}.v1"`);
    const read = await api('GET', `/applications/${app.id}/records/${record.id}`);
    expect(read.headers.etag).toBe(record.etag);
    expect(await auditActions(app.id)).toContain('application_record.create');
  });

  it('keeps unique fields unique, also for writers at the same moment', async () => {
    const app = await createApplication('Projekte Eindeutig', applicationFromGroups(projectGroups()));
    const results = await Promise.all(Array.from({ length: 6 }, () => create(app.id, 'dg_projekte', { f_name: 'Gleich' })));
    expect(results.map((result) => result.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(results.find((result) => result.status === 409)!.json()).toMatchObject({ code: 'record_not_unique', errors: [{ path: 'values.f_name' }] });
    const other = await created(app.id, 'dg_projekte', { f_name: 'Anders' });
    const clash = await api('PUT', `/applications/${app.id}/records/${other.id}`, { body: { values: { f_name: 'Gleich' } }, ifMatch: other.etag });
    expect(clash.status).toBe(409);
    // Its own value is no clash.
    expect((await api('PUT', `/applications/${app.id}/records/${other.id}`, { body: { values: { f_name: 'Anders', f_code: 'A-1' } }, ifMatch: other.etag })).status).toBe(200);
  });

  it('updates with If-Match only, and answers 412 with the current record to a stale one', async () => {
    const app = await createApplication('Projekte Versionen', applicationFromGroups(projectGroups()));
    const record = await created(app.id, 'dg_projekte', { f_name: 'Beta' });
    const path = `/applications/${app.id}/records/${record.id}`;
    expect((await api('PUT', path, { body: { values: { f_name: 'Beta 2' } } })).status).toBe(428);
    const saved = await api('PUT', path, { body: { values: { f_name: 'Beta 2', f_budget: 10 } }, ifMatch: record.etag });
    expect(saved.json()).toMatchObject({ version: 2, values: { f_name: 'Beta 2', f_budget: 10 } });
    const stale = await api('PUT', path, { body: { values: { f_name: 'Beta 3' } }, ifMatch: record.etag });
    expect(stale.json()).toMatchObject({ status: 412, currentEtag: saved.headers.etag, current: { values: { f_name: 'Beta 2' } } });
    expect((await api('DELETE', path, { ifMatch: record.etag })).status).toBe(412);
    expect(await auditActions(app.id)).toContain('application_record.update');
  });

  it('needs a parent for a child record, refuses a missing reference, and guards deletes (restrict, references, cascade)', async () => {
    const app = await createApplication('Projekte Beziehungen', applicationFromGroups(projectGroups()));
    const projekt = await created(app.id, 'dg_projekte', { f_name: 'Gamma' });
    expect((await create(app.id, 'dg_aufgaben', { f_titel: 'Ohne Projekt' })).json()).toMatchObject({ status: 400, code: 'parent_required' });
    expect((await create(app.id, 'dg_aufgaben', { f_titel: 'Falsch' }, '00000000-0000-4000-8000-000000000000')).json()).toMatchObject({ status: 400, code: 'parent_missing' });
    expect((await create(app.id, 'dg_projekte', { f_name: 'Kind' }, projekt.id)).json()).toMatchObject({ status: 400, code: 'parent_not_allowed' });
    const aufgaben = [await created(app.id, 'dg_aufgaben', { f_titel: 'Planen', f_stunden: 4 }, projekt.id), await created(app.id, 'dg_aufgaben', { f_titel: 'Bauen' }, projekt.id)];
    const missing = await create(app.id, 'dg_verweise', { f_label: 'Ins Leere', f_aufgabe: '00000000-0000-4000-8000-000000000000' });
    expect(missing.json()).toMatchObject({ status: 400, errors: [{ path: 'values.f_aufgabe', message: expect.stringMatching(/^reference_missing/) }] });
    // A reference must point into its target group, not at any record.
    expect((await create(app.id, 'dg_verweise', { f_label: 'Falsche Gruppe', f_aufgabe: projekt.id })).status).toBe(400);
    const verweis = await created(app.id, 'dg_verweise', { f_label: 'Siehe Planen', f_aufgabe: aufgaben[0]!.id });

    const notiz = await created(app.id, 'dg_notizen', { f_text: 'Bitte aufheben' }, projekt.id);
    const refused = await api('DELETE', `/applications/${app.id}/records/${projekt.id}`, { ifMatch: projekt.etag });
    expect(refused.json()).toMatchObject({ status: 409, code: 'child_records_exist', count: 1 });
    expect((await api('DELETE', `/applications/${app.id}/records/${notiz.id}`, { ifMatch: notiz.etag })).json()).toEqual({ deleted: 1 });

    const referenced = await api('DELETE', `/applications/${app.id}/records/${projekt.id}`, { ifMatch: projekt.etag });
    expect(referenced.json()).toMatchObject({ status: 409, code: 'record_referenced', count: 1 });
    expect((await api('DELETE', `/applications/${app.id}/records/${verweis.id}`, { ifMatch: verweis.etag })).status).toBe(200);

    expect((await api('DELETE', `/applications/${app.id}/records/${projekt.id}`, { ifMatch: projekt.etag })).json()).toEqual({ deleted: 3 });
    expect((await list(app.id, 'dg_aufgaben')).json<RecordPage>().total).toBe(0);
    expect((await api('GET', `/applications/${app.id}/records/${aufgaben[1]!.id}`)).status).toBe(404);
    expect(await auditActions(app.id)).toContain('application_record.delete');
  });
});

describe('publishing over records', () => {
  it('asks before dropping or retyping what holds data, lists it with counts, and applies it when confirmed', async () => {
    const v1 = applicationFromGroups(projectGroups());
    const app = await createApplication('Projekte Umbau', v1);
    const p1 = await created(app.id, 'dg_projekte', { f_name: 'Delta', f_code: '42', f_budget: 99.5 });
    await created(app.id, 'dg_projekte', { f_name: 'Epsilon', f_code: 'X-7', f_mail: 'a@b.de' });
    await created(app.id, 'dg_notizen', { f_text: 'weg damit' }, p1.id);

    const v2 = structuredClone(v1);
    const projekte = v2.dataGroups[0]!;
    projekte.fields = projekte.fields.filter((f) => f.id !== 'f_mail');
    projekte.fields.find((f) => f.id === 'f_code')!.type = 'integer';
    projekte.fields.find((f) => f.id === 'f_code')!.maxLength = null;
    v2.dataGroups = v2.dataGroups.filter((group) => group.id !== 'dg_notizen');
    v2.pages = v2.pages.filter((page) => page.dataGroupId !== 'dg_notizen');
    for (const page of v2.pages) {
      page.controls = page.controls.filter((control) => control.fieldId !== 'f_mail' && control.table?.dataGroupId !== 'dg_notizen' && control.action?.pageId !== 'p_notizen_bearbeiten');
      for (const control of page.controls) if (control.fieldId === 'f_code') control.kind = 'number';
    }

    const refused = await api('PUT', `/applications/${app.id}/definition`, { body: { definition: v2 }, ifMatch: app.etag });
    expect(refused.status, refused.text).toBe(409);
    const body = refused.json<{ code: string; dataImpact: DataImpactEntry[] }>();
    expect(body.code).toBe('data_loss_unconfirmed');
    expect(body.dataImpact).toEqual([
      { kind: 'fieldRetyped', dataGroupId: 'dg_projekte', dataGroupName: 'Projekte', fieldId: 'f_code', fieldName: 'Code', from: 'text', to: 'integer', converts: 'some', records: 2, cleared: 1 },
      { kind: 'fieldDropped', dataGroupId: 'dg_projekte', dataGroupName: 'Projekte', fieldId: 'f_mail', fieldName: 'E-Mail', type: 'email', records: 1 },
      { kind: 'dataGroupDropped', dataGroupId: 'dg_notizen', dataGroupName: 'Notizen', records: 1 },
    ]);
    expect((await api('GET', `/applications/${app.id}/definition`)).json().version).toBe(1);

    const confirmed = await api('PUT', `/applications/${app.id}/definition`, { body: { definition: v2, confirmDataLoss: true }, ifMatch: app.etag });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json<PublishedDefinitionDoc>()).toMatchObject({ version: 2, dataChanges: { recordsDeleted: 1, valuesRemoved: 1, valuesConverted: 1, valuesCleared: 1 } });
    const rows = (await list(app.id, 'dg_projekte', '?sort=f_name')).json<RecordPage>().items;
    expect(rows.map((row) => row.values)).toEqual([
      { f_name: 'Delta', f_code: 42, f_budget: 99.5, f_start: null, f_status: null },
      { f_name: 'Epsilon', f_code: null, f_budget: null, f_start: null, f_status: null },
    ]);
    expect(rows[0]!.version).toBeGreaterThan(1);
    expect((await list(app.id, 'dg_notizen')).status).toBe(404);

    // Rollback to version 1: the code field turns back into text, which holds data, so it asks too.
    const noIfMatch = await api('POST', `/applications/${app.id}/definition/rollback`, { body: { version: 1 } });
    expect(noIfMatch.status).toBe(428);
    const etag2 = confirmed.headers.etag as string;
    const asked = await api('POST', `/applications/${app.id}/definition/rollback`, { body: { version: 1 }, ifMatch: etag2 });
    expect(asked.json()).toMatchObject({ status: 409, code: 'data_loss_unconfirmed', dataImpact: [{ kind: 'fieldRetyped', fieldId: 'f_code', from: 'integer', to: 'text', converts: 'always', records: 1, cleared: 0 }] });
    const back = await api('POST', `/applications/${app.id}/definition/rollback`, { body: { version: 1, confirmDataLoss: true }, ifMatch: etag2 });
    expect(back.status, back.text).toBe(200);
    expect(back.json<PublishedDefinitionDoc>()).toMatchObject({ version: 3, definition: v1, dataChanges: { recordsDeleted: 0, valuesConverted: 1, valuesCleared: 0 } });
    const versions = (await api('GET', `/applications/${app.id}/definition/versions`)).json<{ items: Array<{ version: number; comment: string }> }>().items;
    expect(versions[0]).toMatchObject({ version: 3, comment: 'Rollback to version 1' });
    expect(await auditActions(app.id)).toContain('application_definition.rollback');
    // The code field is text again: its integer value was converted back; going forward again asks first.
    expect((await list(app.id, 'dg_projekte', '?sort=f_name')).json<RecordPage>().items[0]!.values.f_code).toBe('42');
    const forward = await api('POST', `/applications/${app.id}/definition/rollback`, { body: { version: 2, comment: 'Wieder v2' }, ifMatch: back.headers.etag as string });
    expect(forward.json()).toMatchObject({ status: 409, code: 'data_loss_unconfirmed', dataImpact: [{ kind: 'fieldRetyped', fieldId: 'f_code', records: 1, cleared: 0 }] });
    const missing = await api('POST', `/applications/${app.id}/definition/rollback`, { body: { version: 9 }, ifMatch: back.headers.etag as string });
    expect(missing.json()).toMatchObject({ status: 404, code: 'version_not_found' });
  });

  it('clears a reference pointed at another data group, after asking', async () => {
    const v1 = applicationFromGroups(projectGroups());
    const app = await createApplication('Projekte Verweisziel', v1);
    const projekt = await created(app.id, 'dg_projekte', { f_name: 'Zeta' });
    const aufgabe = await created(app.id, 'dg_aufgaben', { f_titel: 'Prüfen' }, projekt.id);
    await created(app.id, 'dg_verweise', { f_label: 'Siehe Prüfen', f_aufgabe: aufgabe.id });
    const v2 = structuredClone(v1);
    v2.dataGroups.find((group) => group.id === 'dg_verweise')!.fields[1]!.referenceDataGroupId = 'dg_projekte';
    const asked = await api('PUT', `/applications/${app.id}/definition`, { body: { definition: v2 }, ifMatch: app.etag });
    expect(asked.json()).toMatchObject({ status: 409, dataImpact: [{ kind: 'fieldRetyped', fieldId: 'f_aufgabe', from: 'reference', to: 'reference', converts: 'never', records: 1, cleared: 1 }] });
    const done = await api('PUT', `/applications/${app.id}/definition`, { body: { definition: v2, confirmDataLoss: true }, ifMatch: app.etag });
    expect(done.json()).toMatchObject({ version: 2, dataChanges: { valuesCleared: 1, valuesConverted: 0 } });
    expect((await list(app.id, 'dg_verweise')).json<RecordPage>().items[0]!.values.f_aufgabe).toBeNull();
  });
});
