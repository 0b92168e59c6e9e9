import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DIRECTORY_PRESETS } from '../common/domain/directory-presets';
import { DirectoryRun, DirectorySettings, type DirectorySettingsInput } from '../common/portal-api/directory';
import { LoginResponse } from '../common/portal-api/session';
import { startDirectory } from '../e2e/support/slapd';
import { createPinnedAgent } from '../main/services/pinning';
import { PortalClient } from '../main/services/portal-client';

/** BENCH_DIRECTORY_USERS for a quicker look at a smaller directory (groups stay 200). */
const USERS = Number(process.env.BENCH_DIRECTORY_USERS ?? 10_000);
const ADMIN = { login: 'admin', password: 'Admin-Portal-2026' };
const POLL_MS = 100;

/** The portal as its own process (PGlite in a data folder), so its memory is its own: `{ url, spki }` once it listens. */
async function startPortalProcess(dataDir: string): Promise<{ child: ChildProcess; url: string; spki: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'portal/cli.ts', '--port', '0', '--data', dataDir, '--demo'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ url: string; spki: string }>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as { url: string; spki: string });
    });
    child.once('exit', (code) => reject(new Error(`the portal ended (${code}) before it listened`)));
  });
  return { child, ...ready };
}

/** Peak resident memory of a process since start or since the last reset (Linux: VmHWM). */
function peakMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

/** Writing 5 to clear_refs resets VmHWM to the current resident size (Linux 4.0+). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function syncOnce(client: PortalClient): Promise<{ ms: number; run: DirectoryRun }> {
  const started = performance.now();
  let run = (await client.post('/directory/runs', DirectoryRun, { body: { kind: 'sync' } })).data;
  while (run.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    run = (await client.get(`/directory/runs/${run.id}`, DirectoryRun)).data;
  }
  return { ms: performance.now() - started, run };
}

function describe(label: string, result: { ms: number; run: DirectoryRun }, peak: number): void {
  const counts = result.run.report?.counts;
  console.log(
    `${label}: ${(result.ms / 1000).toFixed(1)} s, ${result.run.state}, ${result.run.processed} changes written ` +
      `(${counts?.users.create ?? 0} people and ${counts?.groups.create ?? 0} groups created, ${counts?.memberships.add ?? 0} memberships), portal peak RSS ${peak.toFixed(0)} MiB`,
  );
}

/**
 * Issue 12: a sync of 10,000 directory people in 200 nested groups from OpenLDAP (scripts/with-slapd.sh) into a
 * portal process on PGlite: the first run (everything created) and a rerun without change (nothing written), with
 * the time from start to done and the portal's peak resident memory during each.
 */
export async function benchDirectory(): Promise<void> {
  const directory = await startDirectory(USERS, 200);
  const env = directory.env;
  if (env.LDAP_TEST_URL === undefined) {
    console.log('directory: not run, no OpenLDAP server installed (apt-get install slapd ldap-utils)');
    await directory.stop();
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-console-bench-directory-'));
  const portal = await startPortalProcess(dataDir);
  try {
    const anonymous = new PortalClient(portal.url, createPinnedAgent({ primary: portal.spki }));
    const { token } = (await anonymous.post('/sessions', LoginResponse, { body: ADMIN })).data;
    const client = anonymous.withToken(token);
    const current = await client.get('/directory/settings', DirectorySettings);
    const settings: DirectorySettingsInput = {
      url: env.LDAP_TEST_URL,
      startTls: false,
      pin: env.LDAP_TEST_SPKI!,
      bindDn: env.LDAP_TEST_BIND_DN!,
      bindPassword: env.LDAP_TEST_BIND_PASSWORD!,
      baseDn: env.LDAP_TEST_BASE_DN!,
      userFilter: '(objectClass=inetOrgPerson)',
      groupFilter: '(objectClass=groupOfNames)',
      pageSize: 1000,
      preset: 'active_directory',
      mapping: { ...DIRECTORY_PRESETS.active_directory.mapping, id: 'entryUUID' },
      orgUnitRoot: 'Verzeichnis',
      disableLimitPercent: 10,
      scheduleMinutes: null,
    };
    await client.put('/directory/settings', DirectorySettings, { body: settings, ifMatch: current.etag ?? '"v0"' });
    const pid = portal.child.pid!;
    console.log(`portal started: peak RSS ${peakMiB(pid).toFixed(0)} MiB (demo data, before any sync)`);
    resetPeak(pid);
    describe(`first sync of ${USERS} people`, await syncOnce(client), peakMiB(pid));
    resetPeak(pid);
    describe('rerun, no change', await syncOnce(client), peakMiB(pid));
  } finally {
    portal.child.kill('SIGTERM');
    await new Promise((resolve) => portal.child.once('exit', resolve));
    await directory.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
