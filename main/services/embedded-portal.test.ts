import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forkedPortalLauncher, PORTAL_LOG_ENV, type EmbeddedPortal } from './embedded-portal';

let dir: string;
let portal: EmbeddedPortal | undefined;
const launch = forkedPortalLauncher('portal/cli.ts', ['--import', 'tsx']);
// The certificate is the portal's own, self-signed: this test only looks at the log, so it need not be pinned.
const insecure = new Agent({ connect: { rejectUnauthorized: false } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portal-console-embedded-log-'));
});

afterEach(async () => {
  await portal?.stop();
  portal = undefined;
  delete process.env[PORTAL_LOG_ENV];
});

afterAll(async () => {
  await insecure.close();
  await rm(dir, { recursive: true, force: true });
});

async function requestsLogged(): Promise<number> {
  portal = await launch(join(dir, 'local-portal'), join(dir, 'logs'), new AbortController().signal);
  const before = await readFile(join(dir, 'logs', 'local-portal.log'), 'utf8').catch(() => '');
  const response = await request(`${portal.url}/api/v1/openapi.json`, { dispatcher: insecure });
  await response.body.dump();
  await portal.stop();
  const after = await readFile(join(dir, 'logs', 'local-portal.log'), 'utf8');
  return after.slice(before.length).split('\n').filter((line) => line.includes('"incoming request"')).length;
}

describe('the local test portal log', () => {
  it('has no request lines unless asked', async () => {
    expect(await requestsLogged()).toBe(0);
  }, 180_000);

  it(`has them with ${PORTAL_LOG_ENV}=1`, async () => {
    process.env[PORTAL_LOG_ENV] = '1';
    expect(await requestsLogged()).toBeGreaterThan(0);
  }, 180_000);
});
