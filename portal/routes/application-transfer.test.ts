import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newControlDefinition, newDataGroupDefinition, newFieldDefinition, type ApplicationDefinition } from '../../common/domain/application-definition';
import { buildApplicationFile, readApplicationFile, serializeApplicationFile } from '../../common/domain/application-file';
import type { ApplicationImportPreview, ApplicationImportResult } from '../../common/portal-api/application-transfer';
import { startTestPortal, type TestPortal, type TestResponse } from '../test-support';

/** Two reference portals: an application built in A is exported and imported into B (created, then a new version). */

interface Signed {
  portal: TestPortal;
  api(method: string, path: string, options?: { body?: unknown; ifMatch?: string }): Promise<TestResponse>;
}

async function signedIn(): Promise<Signed> {
  const portal = await startTestPortal();
  const token = await portal.signInAdmin();
  return {
    portal,
    api: (method, path, options = {}) =>
      portal.request(method, `/api/v1${path}`, {
        token,
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(options.ifMatch === undefined ? {} : { headers: { 'if-match': options.ifMatch } }),
      }),
  };
}

async function ok(response: Promise<TestResponse>, status = 200): Promise<TestResponse> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 600)}`);
  return answer;
}

const definition: ApplicationDefinition = {
  dataGroups: [
    newDataGroupDefinition({ id: 'fahrzeuge', name: 'Fahrzeuge', tableName: 'fahrzeuge', fields: [newFieldDefinition({ id: 'kennzeichen', name: 'Kennzeichen', type: 'text', required: true })] }),
    newDataGroupDefinition({
      id: 'fahrten',
      name: 'Fahrten',
      tableName: 'fahrten',
      parentId: 'fahrzeuge',
      fields: [newFieldDefinition({ id: 'km', name: 'Kilometer', type: 'integer', min: 0 })],
    }),
  ],
  pages: [
    {
      id: 'liste',
      title: 'Fahrzeuge',
      dataGroupId: 'fahrzeuge',
      controls: [
        newControlDefinition({ id: 'kz', kind: 'textfield', label: 'Kennzeichen', fieldId: 'kennzeichen', x: 0, y: 0, w: 6 }),
        newControlDefinition({ id: 'save', kind: 'button', label: 'Speichern', x: 0, y: 1, w: 2, action: { type: 'save', pageId: null, confirm: true } }),
        newControlDefinition({ id: 'zu-fahrten', kind: 'button', label: 'Fahrten', x: 2, y: 1, w: 2, action: { type: 'goToPage', pageId: 'fahrten-seite', confirm: true } }),
      ],
    },
    {
      id: 'fahrten-seite',
      title: 'Fahrten',
      dataGroupId: 'fahrten',
      controls: [newControlDefinition({ id: 'km-feld', kind: 'number', label: 'Kilometer', fieldId: 'km', x: 0, y: 0, w: 4 })],
    },
  ],
};

let a: Signed;
let b: Signed;
let appId: string;

async function groupId(portal: Signed, name: string): Promise<string> {
  const created = await portal.api('POST', '/principals', { body: { kind: 'group', name, description: '' } });
  if (created.status === 201) return created.json<{ id: string }>().id;
  const page = (await ok(portal.api('GET', `/principals?kind=group&q=${encodeURIComponent(name)}&limit=50`))).json<{ items: { id: string; name: string }[] }>();
  const found = page.items.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no group ${name}`);
  return found.id;
}

beforeAll(async () => {
  [a, b] = await Promise.all([signedIn(), signedIn()]);
  appId = (await ok(a.api('POST', '/applications', { body: { name: 'Fuhrpark Test', description: 'Dienstwagen' } }), 201)).json<{ id: string }>().id;
  const draft = await ok(a.api('GET', `/applications/${appId}/definition`));
  await ok(a.api('PUT', `/applications/${appId}/definition`, { body: { definition, comment: 'v1' }, ifMatch: String(draft.headers.etag) }));
  const rights = await ok(a.api('GET', `/applications/${appId}/rights`));
  await ok(
    a.api('PUT', `/applications/${appId}/rights`, {
      body: { defaultLevel: 'read', entries: [{ principalId: await groupId(a, 'Fuhrparkleitung'), level: 'manage' }] },
      ifMatch: String(rights.headers.etag),
    }),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.portal.close(), b?.portal.close()]);
});

async function exported(): Promise<TestResponse> {
  return ok(a.api('GET', `/applications/${appId}/export`));
}

async function preview(file: string, extra: Record<string, unknown> = {}): Promise<{ body: ApplicationImportPreview; etag: string }> {
  const response = await ok(b.api('POST', '/applications/import/preview', { body: { file, ...extra } }));
  return { body: response.json<ApplicationImportPreview>(), etag: String(response.headers.etag) };
}

describe('application transfer', () => {
  it('exports one file with schema version, checksum and rights by group name', async () => {
    const response = await exported();
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="fuhrpark-test-application-\d{4}-\d{2}-\d{2}\.json"$/);
    const read = readApplicationFile(response.text);
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.file).toMatchObject({ format: 'portal-console/application', schemaVersion: 1, sourceVersion: 1 });
    expect(read.file.application.rights).toEqual({ defaultLevel: 'read', entries: [{ principal: { kind: 'group', name: 'Fuhrparkleitung' }, level: 'manage' }] });
    expect(read.file.application.definition).toEqual(definition);
  });

  it('refuses a damaged, altered, newer or inconsistent file with 422 and changes nothing', async () => {
    const text = (await exported()).text;
    const file = JSON.parse(text) as Record<string, unknown>;
    const rebuilt = (mutate: (def: ApplicationDefinition) => void) => {
      const parsed = readApplicationFile(text);
      if (!parsed.ok) throw new Error('unreadable');
      const def = structuredClone(parsed.file.application.definition);
      mutate(def);
      return serializeApplicationFile(buildApplicationFile({ ...parsed.file, application: { ...parsed.file.application, definition: def } }));
    };
    const cases: [string, string][] = [
      [text.slice(0, text.length / 2), 'application_file_not_json'],
      [text.replace('"Kennzeichen"', '"Kennzeichen!"'), 'application_file_checksum_mismatch'],
      [JSON.stringify({ ...file, schemaVersion: 3 }), 'application_file_newer_schema'],
      [JSON.stringify({ hello: 'world' }), 'application_file_not_an_application'],
      [`{"format":"portal-console/application","schemaVersion":1,"checksum":"x","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'application_file_invalid_content'],
      [rebuilt((def) => def.dataGroups.splice(0, 1)), 'application_file_missing_parent'],
      [rebuilt((def) => (def.pages[0]!.controls[1]!.action = { type: 'goToPage', pageId: 'nirgends', confirm: true })), 'application_file_broken_reference'],
      [rebuilt((def) => (def.dataGroups[1]!.name = 'Fahrzeuge')), 'application_file_definition_invalid'],
    ];
    for (const [body, code] of cases) {
      for (const path of ['/applications/import/preview', '/applications/import']) {
        const response = await b.api('POST', path, { body: { file: body }, ifMatch: '*' });
        expect({ path, status: response.status, code: response.json<{ code: string }>().code }).toEqual({ path, status: 422, code });
      }
    }
    const list = (await ok(b.api('GET', '/applications?q=Fuhrpark%20Test'))).json<{ items: unknown[] }>();
    expect(list.items).toEqual([]);
  });

  it('previews a new application with a mapping step, then imports it with the same definition and the rights by name', async () => {
    const text = (await exported()).text;
    const first = await preview(text);
    expect(first.body.target).toEqual({ action: 'create' });
    expect(first.body.unmappedPrincipals).toEqual([{ kind: 'group', name: 'Fuhrparkleitung' }]);
    expect(first.body.summary).toMatchObject({ dataGroup: { added: 2 }, field: { added: 2 }, page: { added: 2 }, control: { added: 4 } });

    const refused = await b.api('POST', '/applications/import', { body: { file: text }, ifMatch: first.etag });
    expect(refused.status).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('unmapped_principals');

    await groupId(b, 'Flotte');
    const mapping = [{ from: { kind: 'group', name: 'Fuhrparkleitung' }, to: { kind: 'group', name: 'Flotte' } }];
    const mapped = await preview(text, { mapping });
    expect(mapped.body.unmappedPrincipals).toEqual([]);
    expect(mapped.body.rights.entries).toEqual([{ from: { kind: 'group', name: 'Fuhrparkleitung' }, to: { kind: 'group', name: 'Flotte' }, level: 'manage', status: 'mapped' }]);

    const missingIfMatch = await b.api('POST', '/applications/import', { body: { file: text, mapping } });
    expect(missingIfMatch.status).toBe(428);
    const result = (await ok(b.api('POST', '/applications/import', { body: { file: text, mapping }, ifMatch: mapped.etag }))).json<ApplicationImportResult>();
    expect(result).toMatchObject({ name: 'Fuhrpark Test', created: true, publishedVersion: 1, definitionPublished: true, rightsEntries: 1, skippedRightsEntries: 0 });

    const published = (await ok(b.api('GET', `/applications/${result.applicationId}/definition`))).json<{ definition: ApplicationDefinition; version: number }>();
    expect(published.definition).toEqual(definition);
    const rights = (await ok(b.api('GET', `/applications/${result.applicationId}/rights`))).json<{ defaultLevel: string; entries: { principal: { name: string }; level: string }[] }>();
    expect(rights.defaultLevel).toBe('read');
    expect(rights.entries.map((entry) => [entry.principal.name, entry.level])).toEqual([['Flotte', 'manage']]);
    const audit = (await ok(b.api('GET', '/audit?action=application.import&limit=5'))).json<{ items: { action: string; targetId: string }[] }>();
    expect(audit.items.some((item) => item.action === 'application.import' && item.targetId === result.applicationId)).toBe(true);

    // The same preview's ETag no longer matches: B has the application now.
    const stale = await b.api('POST', '/applications/import', { body: { file: text, mapping }, ifMatch: mapped.etag });
    expect(stale.status).toBe(412);
  });

  it('a changed application becomes a new version of the same-named one, the preview lists what is added, changed and removed', async () => {
    const draft = await ok(a.api('GET', `/applications/${appId}/definition`));
    const next = structuredClone(definition);
    next.dataGroups[0]!.fields.push(newFieldDefinition({ id: 'marke', name: 'Marke', type: 'text' }));
    next.pages[0]!.controls.splice(1, 1);
    next.pages[0]!.controls.push(newControlDefinition({ id: 'marke-feld', kind: 'textfield', label: 'Marke', fieldId: 'marke', x: 0, y: 2, w: 6 }));
    next.pages[0]!.controls[0]!.w = 8;
    await ok(a.api('PUT', `/applications/${appId}/definition`, { body: { definition: next, comment: 'v2' }, ifMatch: String(draft.headers.etag) }));
    const text = (await exported()).text;
    const mapping = [{ from: { kind: 'group', name: 'Fuhrparkleitung' }, to: { kind: 'group', name: 'Flotte' } }];
    const seen = await preview(text, { mapping });
    expect(seen.body.target).toMatchObject({ action: 'update', name: 'Fuhrpark Test', publishedVersion: 1 });
    expect(seen.body.changes.map((change) => [change.entity, change.change, change.name])).toEqual([
      ['field', 'added', 'Marke'],
      ['control', 'changed', 'Kennzeichen'],
      ['control', 'added', 'Marke'],
      ['control', 'removed', 'Speichern'],
    ]);
    expect(seen.body.rights.changed).toBe(false);
    const result = (await ok(b.api('POST', '/applications/import', { body: { file: text, mapping }, ifMatch: seen.etag }))).json<ApplicationImportResult>();
    expect(result).toMatchObject({ created: false, publishedVersion: 2, definitionPublished: true });
    const versions = (await ok(b.api('GET', `/applications/${result.applicationId}/definition/versions`))).json<{ items: { version: number; comment: string }[] }>();
    expect(versions.items[0]).toMatchObject({ version: 2, comment: expect.stringContaining('version 2') });

    // Under another name it is a new application; the same file again changes nothing.
    const renamed = await preview(text, { mapping, name: 'Fuhrpark Kopie' });
    expect(renamed.body.target).toEqual({ action: 'create' });
    const again = await preview(text, { mapping });
    expect(again.body).toMatchObject({ definitionChanged: false, descriptionChanged: false, changes: [] });
  });

  it('a new version that drops a field holding records asks first, like a publish, and applies it when confirmed', async () => {
    const mapping = [{ from: { kind: 'group', name: 'Fuhrparkleitung' }, to: { kind: 'group', name: 'Flotte' } }];
    const inB = (await ok(b.api('GET', '/applications?q=Fuhrpark%20Test'))).json<{ items: { id: string; name: string }[] }>().items.find((item) => item.name === 'Fuhrpark Test');
    if (inB === undefined) throw new Error('Fuhrpark Test was not imported into B');
    await ok(b.api('POST', `/applications/${inB.id}/data-groups/fahrzeuge/records`, { body: { values: { kennzeichen: 'HH-AB 123', marke: 'VW' } } }), 201);

    const draft = await ok(a.api('GET', `/applications/${appId}/definition`));
    const current = draft.json<{ definition: ApplicationDefinition }>().definition;
    const next = structuredClone(current);
    next.dataGroups[0]!.fields = next.dataGroups[0]!.fields.filter((field) => field.id !== 'marke');
    next.pages[0]!.controls = next.pages[0]!.controls.filter((control) => control.fieldId !== 'marke');
    await ok(a.api('PUT', `/applications/${appId}/definition`, { body: { definition: next, comment: 'v3', confirmDataLoss: true }, ifMatch: String(draft.headers.etag) }));
    const text = (await exported()).text;
    const seen = await preview(text, { mapping });
    const refused = await b.api('POST', '/applications/import', { body: { file: text, mapping }, ifMatch: seen.etag });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'data_loss_unconfirmed', dataImpact: [{ kind: 'fieldDropped', fieldName: 'Marke', records: 1 }] });
    const confirmed = (await ok(b.api('POST', '/applications/import', { body: { file: text, mapping, confirmDataLoss: true }, ifMatch: seen.etag }))).json<ApplicationImportResult>();
    expect(confirmed).toMatchObject({ created: false, publishedVersion: 3, dataChanges: { valuesRemoved: 1 } });
  });

  it('a portal configuration file is named as such, not as damaged', async () => {
    const configuration = (await ok(a.api('GET', '/configuration/export'))).text;
    const response = await b.api('POST', '/applications/import/preview', { body: { file: configuration } });
    expect(response.status).toBe(422);
    expect(response.json<{ code: string; detail: string }>()).toMatchObject({ code: 'application_file_configuration_file', detail: expect.stringContaining('Nothing was changed.') });
  });
});
