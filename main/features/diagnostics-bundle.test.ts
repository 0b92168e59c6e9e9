import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleFile, BundlePreview, StagedAttachment, VersionedSecurityPolicy } from '../../common/contract';
import type { Backend } from '../backend';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';
import { inProcessPortalLauncher } from '../test-support/in-process-portal';
import { readDownload } from '../test-support/transfers';
import { zipParts } from './diagnostics-bundle';

let backend: Backend;
let harness: TestBackend;
const { call } = contractCaller(() => backend);

const REGISTRATION_CODE = 'Einladung-Geheim-4711';
const LOGGED_PASSWORD = 'Hunter2-im-Protokoll!';
const LOGGED_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLWdlaGVpbQ';

beforeAll(async () => {
  harness = await createTestBackend('bundle', { embeddedPortal: inProcessPortalLauncher() });
  ({ backend } = harness);
  await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false });
  // A secret in a setting: the registration code of an invitation-only portal.
  const policy = await call<VersionedSecurityPolicy>('securityPolicy:get');
  await call('securityPolicy:update', {
    ifMatch: policy.etag,
    value: { ...policy.value, membership: { ...policy.value.membership, mode: 'invitation', registrationCode: REGISTRATION_CODE } },
  });
  // Secrets in the console log, written past the log's own redaction, as a damaged or older file might hold them.
  const line = JSON.stringify({ at: new Date().toISOString(), level: 'warn', message: `retry with password=${LOGGED_PASSWORD}`, context: { authorization: `Bearer ${LOGGED_TOKEN}` } });
  await mkdir(join(harness.userDataDir, 'logs'), { recursive: true });
  await appendFile(join(harness.userDataDir, 'logs', 'console.log'), `${line}\n`);
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

function unzipText(zip: Uint8Array): Record<string, string> {
  const files = unzipSync(zip);
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe('diagnostics bundle', () => {
  it('previews every part with its size before anything is written, under the limit', async () => {
    const preview = await call<BundlePreview>('diagnostics:bundlePreview');
    expect(preview.parts.map((part) => part.name)).toEqual([
      'versions.json',
      'health.json',
      'diagnostics.json',
      'server-log.txt',
      'console-log.jsonl',
      'security-policy.json',
      'function-permissions.json',
      'update-settings.json',
      'applications.json',
      'counts.json',
    ]);
    expect(preview.parts.every((part) => part.unavailable === null)).toBe(true);
    expect(preview.zipBytes).toBeGreaterThan(0);
    expect(preview.zipBytes).toBeLessThanOrEqual(preview.limitBytes);
    expect(preview.filename).toMatch(/^diagnostics_127\.0\.0\.1-\d+_\d{4}-\d\d-\d\dT\d{4}Z\.zip$/);
  });

  it('never holds a secret planted in a setting or in the log (the test opens the zip)', async () => {
    const file = await call<BundleFile>('diagnostics:bundleSave');
    const { answer, bytes } = await readDownload(file.download);
    expect(answer.headers['content-length']).toBe(String(file.zipBytes));
    const files = unzipText(bytes);
    expect(Object.keys(files)).toHaveLength(10);
    const everything = Object.values(files).join('\n');
    for (const secret of [REGISTRATION_CODE, LOGGED_PASSWORD, LOGGED_TOKEN, DEMO_ADMIN.password]) expect(everything).not.toContain(secret);
    expect(JSON.parse(files['security-policy.json']!).membership.registrationCode).toBe('[REDACTED]');
    expect(files['console-log.jsonl']).toContain('retry with password=');
    expect(JSON.parse(files['counts.json']!).users).toBeGreaterThan(0);
    expect(JSON.parse(files['versions.json']!).portal.name).toBe('Muster GmbH Portal');
    expect(files['server-log.txt']).toMatch(/sign-in succeeded/);
  });

  it('stages the bundle for a ticket, listing its parts', async () => {
    const staged = await call<StagedAttachment>('support:stageBundle');
    expect(staged).toMatchObject({ kind: 'diagnostics', contentType: 'application/zip', binary: false });
    expect(staged.preview).toContain('security-policy.json');
    expect(staged.redaction.applied).toBe(true);
  });

  it('redacts each part once more when it zips', () => {
    const { zip, parts, redacted } = zipParts([{ name: 'a.txt', text: `token=${LOGGED_TOKEN}`, unavailable: null }]);
    expect(redacted).toBeGreaterThan(0);
    expect(strFromU8(unzipSync(zip)['a.txt']!)).not.toContain(LOGGED_TOKEN);
    expect(parts[0]!.bytes).toBeGreaterThan(0);
  });
});
