import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigurationExport } from '../../common/contract';
import { buildConfigurationFile, parseConfigurationFile, serializeConfigurationFile } from '../../common/domain/portal-configuration';
import type { ConfigurationApplyResult, ConfigurationImportPreview } from '../../common/portal-api/configuration';
import type { Backend } from '../backend';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';
import { readDownload } from '../test-support/transfers';
import { jsonFilename } from './configuration';

let harness: TestBackend;
let backend: Backend;
const { call, failure } = contractCaller(() => backend);

beforeAll(async () => {
  harness = await createTestBackend('configuration');
  ({ backend } = harness);
  await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false });
}, 120_000);

afterAll(() => harness?.close());

describe('jsonFilename', () => {
  it.each([
    ['attachment; filename="muster-gmbh-portal-configuration-2027-06-02.json"', 'muster-gmbh-portal-configuration-2027-06-02.json'],
    ['attachment; filename="../../etc/passwd.json"', 'fallback.json'],
    ['attachment; filename="x.csv"', 'fallback.json'],
    [undefined, 'fallback.json'],
  ])('%s -> %s', (header, name) => {
    expect(jsonFilename(header, 'fallback.json')).toBe(name);
  });
});

/** Browser mode: the export is a one-time address; what it streams is the portal's file, whole. */
async function exportedText(): Promise<{ filename: string; text: string }> {
  const download = await call<ConfigurationExport>('configuration:export');
  const { answer, bytes } = await readDownload(download);
  const filename = download.kind === 'url' ? download.file : '';
  expect(answer.headers['content-disposition']).toBe(`attachment; filename="${filename}"`);
  expect(answer.headers['content-length']).toBe(String(bytes.length));
  return { filename, text: bytes.toString('utf8') };
}

describe('configuration transfer through the console backend', () => {
  it('exports the file as the portal names it, previews it with no difference, and applies a changed copy with the preview ETag', async () => {
    const exported = await exportedText();
    expect(exported.filename).toMatch(/-configuration-\d{4}-\d{2}-\d{2}\.json$/);
    const parsed = parseConfigurationFile(exported.text);
    if (!parsed.ok) throw new Error(parsed.problem.message);

    const same = await call<ConfigurationImportPreview>('configuration:preview', { file: exported.text });
    expect(same.sections.flatMap((section) => section.changes)).toEqual([]);

    const changed = serializeConfigurationFile(
      buildConfigurationFile({ ...parsed.file, configuration: { ...parsed.file.configuration, updates: { track: parsed.file.configuration.updates.track === 'silent' ? 'steady' : 'silent' } } }),
    );
    const preview = await call<ConfigurationImportPreview>('configuration:preview', { file: changed });
    const selection = preview.sections.flatMap((section) => section.changes.map((change) => ({ section: change.section, key: change.key })));
    expect(selection).toEqual([{ section: 'updates', key: 'track' }]);

    const stale = await failure('configuration:apply', { file: changed, selection, etag: '"configuration.0"' });
    expect(stale.code).toBe('PRECONDITION_FAILED');
    const result = await call<ConfigurationApplyResult>('configuration:apply', { file: changed, selection, etag: preview.etag });
    expect(result).toMatchObject({ total: 1, applied: [{ section: 'updates', created: 0, changed: 1, removed: 0 }] });
  });

  it('passes the portal refusal of an altered file on as a validation error naming its code', async () => {
    const exported = await exportedText();
    const altered = exported.text.replace('"minLength": 8', '"minLength": 9');
    expect(altered).not.toBe(exported.text);
    const refused = await failure('configuration:preview', { file: altered });
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { problemCode: 'configuration_checksum_mismatch' } });
  });
});
