import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationExport, VersionedDefinition } from '../../common/contract';
import { newControlDefinition, newDataGroupDefinition, newFieldDefinition, type ApplicationDefinition } from '../../common/domain/application-definition';
import { readApplicationFile } from '../../common/domain/application-file';
import type { ApplicationImportPreview, ApplicationImportResult } from '../../common/portal-api/application-transfer';
import type { ApplicationSummary } from '../../common/portal-api/designer';
import type { Backend } from '../backend';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';

let harness: TestBackend;
let backend: Backend;
const { call, failure } = contractCaller(() => backend);

const definition: ApplicationDefinition = {
  dataGroups: [newDataGroupDefinition({ id: 'geraete', name: 'Geräte', tableName: 'geraete', fields: [newFieldDefinition({ id: 'nummer', name: 'Inventarnummer', type: 'text' })] })],
  pages: [{ id: 'start', title: 'Geräte', dataGroupId: 'geraete', controls: [newControlDefinition({ id: 'nr', kind: 'textfield', label: 'Inventarnummer', fieldId: 'nummer', x: 0, y: 0, w: 6 })] }],
};

beforeAll(async () => {
  harness = await createTestBackend('application-transfer');
  ({ backend } = harness);
  await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false });
}, 120_000);

afterAll(() => harness?.close());

describe('application transfer through the console backend', () => {
  it('exports an application as the portal names it and imports it again under another name with an equal definition', async () => {
    const created = await call<ApplicationSummary>('applications:create', { name: 'Inventar Test', description: 'Geräte' });
    const current = await call<VersionedDefinition>('applications:definition', { applicationId: created.id });
    await call('applications:publish', { applicationId: created.id, definition, comment: 'v1', ifMatch: current.etag });

    const exported = await call<ApplicationExport>('applications:export', { applicationId: created.id });
    expect(exported.filename).toMatch(/^inventar-test-application-\d{4}-\d{2}-\d{2}\.json$/);
    expect(readApplicationFile(exported.text).ok).toBe(true);

    const same = await call<ApplicationImportPreview>('applications:importPreview', { file: exported.text });
    expect(same).toMatchObject({ target: { action: 'update', applicationId: created.id }, definitionChanged: false, changes: [] });

    const copy = await call<ApplicationImportPreview>('applications:importPreview', { file: exported.text, name: 'Inventar Kopie' });
    expect(copy.target).toEqual({ action: 'create' });
    const result = await call<ApplicationImportResult>('applications:import', { file: exported.text, name: 'Inventar Kopie', etag: copy.etag });
    expect(result).toMatchObject({ name: 'Inventar Kopie', created: true, publishedVersion: 1 });
    const imported = await call<VersionedDefinition>('applications:definition', { applicationId: result.applicationId });
    expect(imported.value.definition).toEqual(definition);
  });

  it('a damaged file reaches the renderer as a validation error with the portal code', async () => {
    const refused = await failure('applications:importPreview', { file: '{"format":"portal-console/application"' });
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { problemCode: 'application_file_not_json' } });
  });
});
