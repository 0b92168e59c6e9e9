import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogExport } from '../../common/contract';
import type { ServerLogFollowPage } from '../../common/portal-api/log-follow';
import type { ServerLogEntry } from '../../common/portal-api/support';
import type { Backend } from '../backend';
import type { EmbeddedPortal } from '../services/embedded-portal';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';
import { inProcessPortalLauncher } from '../test-support/in-process-portal';
import { exportText, logExportFilename, logLine } from './log-follow';

let backend: Backend;
let embedded: EmbeddedPortal;
let harness: TestBackend;
const { call, failure } = contractCaller(() => backend);

beforeAll(async () => {
  harness = await createTestBackend('log-follow', { embeddedPortal: inProcessPortalLauncher() });
  ({ backend } = harness);
  embedded = (await backend.embedded)!;
  await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...DEMO_ADMIN, remember: false });
});

afterAll(async () => {
  await harness?.close();
});

/** A refused sign-in straight against the portal: it logs "sign-in refused" with the login. */
async function refusedSignIn(login: string, password = 'not-the-password-1'): Promise<void> {
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  try {
    const response = await request(new URL('/api/v1/sessions', embedded.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
      dispatcher: agent,
    });
    await response.body.dump();
  } finally {
    await agent.close();
  }
}

const entry: ServerLogEntry = { seq: 7, at: '2026-03-10T08:00:00.250Z', level: 'warn', message: 'sign-in refused', context: { login: 'mia' } };

describe('server log export format', () => {
  it('writes one line per entry with time, level, message and context', () => {
    expect(logLine(entry)).toBe('2026-03-10T08:00:00.250Z WARN  sign-in refused {"login":"mia"}');
    expect(logLine({ ...entry, context: undefined, level: 'error' })).toBe('2026-03-10T08:00:00.250Z ERROR sign-in refused');
  });

  it('names the file by host and range, with nothing a file system refuses', () => {
    expect(logExportFilename('127.0.0.1:8443', '2026-03-10T08:00:00Z', '2026-03-10T09:30:00+01:00')).toBe(
      'server-log_127.0.0.1-8443_2026-03-10T0800Z_2026-03-10T0830Z.log',
    );
  });

  it('redacts once more what the portal let through', () => {
    const leaked = { ...entry, message: 'login failed password=Hunter2-Secret!' };
    const { text, redacted } = exportText([leaked]);
    expect(text).not.toContain('Hunter2-Secret!');
    expect(redacted).toBeGreaterThan(0);
  });
});

describe('following and exporting through the console', () => {
  it('gets a line logged while the follow call is held, as soon as it is logged', async () => {
    const now = await call<ServerLogFollowPage>('instance:followLogs', {});
    const marker = `follow-${Date.now().toString(36)}`;
    const held = call<ServerLogFollowPage>('instance:followLogs', { after: now.lastSeq, contains: marker, waitSeconds: 10 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const loggedAt = performance.now();
    await refusedSignIn(marker);
    const page = await held;
    expect(performance.now() - loggedAt).toBeLessThan(2000);
    expect(page.items.map((item) => item.message)).toEqual(['sign-in refused']);
    expect(page.items[0]?.context).toMatchObject({ login: marker });
  });

  it('exports a range as redacted text lines', async () => {
    const marker = `export-${Date.now().toString(36)}`;
    await refusedSignIn(marker);
    const to = new Date(Date.now() + 60_000).toISOString();
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const exported = await call<LogExport>('instance:exportLogs', { from, to, contains: marker });
    expect(exported.entries).toBe(1);
    expect(exported.truncated).toBe(false);
    expect(exported.text).toMatch(new RegExp(`^\\S+Z WARN  sign-in refused .*"login":"${marker}"`));
    expect(exported.text).not.toContain('not-the-password-1');
    expect(exported.filename).toMatch(/^server-log_127\.0\.0\.1-\d+_.+\.log$/);
    // Without an end: up to the newest entry, whatever the console's clock says.
    const openEnded = await call<LogExport>('instance:exportLogs', { from, contains: marker });
    expect(openEnded.entries).toBe(1);
    expect(openEnded.filename).not.toContain('9999');
  });

  it('refuses a reversed range and a wait beyond the portal limit', async () => {
    expect((await failure('instance:exportLogs', { from: '2026-03-10T09:00:00Z', to: '2026-03-10T08:00:00Z' })).code).toBe('VALIDATION');
    expect((await failure('instance:followLogs', { after: 0, waitSeconds: 26 })).code).toBe('VALIDATION');
  });
});
