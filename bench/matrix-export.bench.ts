import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { startPortal } from '../portal/server';
import { buildScenario, fakeUuid, seedPortal } from './rights.bench';
import { timed } from './stats';

const EXPORTS = 5;
const UNLIMITED = { max: 1_000_000, windowMs: 60_000 };
const ADMIN = { login: 'admin', password: 'Admin-Portal-2026' };
const MiB = 1024 * 1024;

/**
 * Issue 14: the rights matrix of 100,000 users x 50 applications exported five times through the console in
 * browser mode (Chromium follows the download), sampling every 50 ms the backend's RSS (the browser host process),
 * the embedded portal's RSS (the process it forks, which builds the CSV) and the renderer's JS heap. "Kept" is the heap after a forced GC once all five
 * are done. Needs `npm run build` first.
 */
export async function benchMatrixExport(): Promise<void> {
  const userData = mkdtempSync(join(tmpdir(), 'portal-console-bench-matrix-'));
  const portal = await startPortal({ dataDir: join(userData, 'local-portal'), demo: true, environment: 'dev', rateLimit: UNLIMITED, loginRateLimit: UNLIMITED });
  try {
    const seeded = await timed(() => seedPortal(portal, buildScenario(fakeUuid)));
    console.log(`seed: 100,000 users, 2,000 groups, 50 applications in ${(seeded.ms / 1000).toFixed(1)} s`);
  } finally {
    await portal.close();
  }
  const host = await startHost(userData);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    await signInToRights(page, host.url);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const portalPid = embeddedPortalPid(host.child.pid!);
    const start = { backend: rssOf(host.child.pid!), portal: rssOf(portalPid), heap: await heapUsed(cdp) };
    const runs: { ms: number; bytes: number }[] = [];
    const peak = { ...start };
    for (let i = 0; i < EXPORTS; i += 1) {
      const sampler = setInterval(() => {
        peak.backend = Math.max(peak.backend, rssOf(host.child.pid!));
        peak.portal = Math.max(peak.portal, rssOf(portalPid));
        void heapUsed(cdp).then((heap) => (peak.heap = Math.max(peak.heap, heap)), () => undefined);
      }, 50);
      try {
        runs.push(await exportOnce(page));
      } finally {
        clearInterval(sampler);
      }
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const end = { backend: rssOf(host.child.pid!), portal: rssOf(portalPid), heap: await heapUsed(cdp) };
    const mib = (bytes: number) => (bytes / MiB).toFixed(0);
    console.log(`matrix export x${EXPORTS}: ${(runs[0]!.bytes / 1e6).toFixed(1)} MB each, click to file saved ${runs.map((run) => (run.ms / 1000).toFixed(2)).join(' / ')} s`);
    console.log(`backend RSS: ${mib(start.backend)} MiB before, peak ${mib(peak.backend)} MiB (+${mib(peak.backend - start.backend)}), ${mib(end.backend)} MiB after`);
    console.log(`embedded portal RSS: ${mib(start.portal)} MiB before, peak ${mib(peak.portal)} MiB (+${mib(peak.portal - start.portal)}), ${mib(end.portal)} MiB after`);
    console.log(`renderer heap: ${mib(start.heap)} MiB before, peak ${mib(peak.heap)} MiB (+${mib(peak.heap - start.heap)}), kept after GC ${mib(end.heap - start.heap)} MiB`);
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
  }
}

async function exportOnce(page: Page): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId('export-matrix').click()]);
  const path = await download.path();
  const ms = performance.now() - started;
  const bytes = statSync(path).size;
  await download.delete();
  return { ms, bytes };
}

async function signInToRights(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('profile-Local test portal').getByRole('button', { name: /Connect|Verbinden/ }).click({ timeout: 180_000 });
  const panel = page.getByTestId('sign-in-panel');
  await panel.getByRole('textbox', { name: /^(Login|Benutzername)$/ }).fill(ADMIN.login);
  await panel.getByRole('textbox', { name: /^(Password|Passwort)$/ }).fill(ADMIN.password);
  await panel.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
  await page.getByTestId('nav-rights').click({ timeout: 60_000 });
  await page.getByTestId('rights-tab-applications').click();
  await page.getByTestId('export-matrix').waitFor();
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** The embedded portal: the one process the browser host forks. */
function embeddedPortalPid(hostPid: number): number {
  const children = readFileSync(`/proc/${hostPid}/task/${hostPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  if (children.length !== 1) throw new Error(`expected the browser host to run one embedded portal, found ${children.length} child processes`);
  return children[0]!;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) * 1024;
}

async function startHost(userData: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['out/main/browser-main.js', '--json', '--user-data', userData], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}`)));
  });
  return { url, child };
}
