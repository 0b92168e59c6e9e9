import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Agent } from 'undici';
import { z } from 'zod';
import { chromium } from 'playwright-core';
import { startPortal } from '../portal/server';
import { createPinnedAgent } from '../main/services/pinning';
import { PortalClient } from '../main/services/portal-client';
import { LoginResponse } from '../common/portal-api/session';
import { summarise, timed } from './stats';

const REQUESTS = 2_000;
const ROUNDS = 10;
const Health = z.object({ status: z.string() }).passthrough();

/** Issue 2: pinned vs unpinned keep-alive, login latency, browser mode from start to signed-in shell. */
export async function benchConnection(): Promise<void> {
  const portal = await startPortal({ memory: true, demo: true, rateLimit: { max: 1_000_000, windowMs: 60_000 }, loginRateLimit: { max: 1_000_000, windowMs: 60_000 } });
  try {
    // Same agent settings as the pinned agent, minus the pin check.
    const unpinned = new PortalClient(
      portal.url,
      new Agent({ connect: { rejectUnauthorized: false, maxCachedSessions: 0 }, keepAliveTimeout: 30_000, headersTimeout: 30_000, bodyTimeout: 60_000 }),
    );
    const pinned = new PortalClient(portal.url, createPinnedAgent({ primary: portal.spki }));
    await sequential(unpinned, 300);
    await sequential(pinned, 300);
    // Interleaved rounds so JIT warm-up and background load hit both sides alike.
    const plain = { ms: 0 };
    const withPin = { ms: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      plain.ms += (await timed(() => sequential(unpinned, REQUESTS / ROUNDS))).ms;
      withPin.ms += (await timed(() => sequential(pinned, REQUESTS / ROUNDS))).ms;
    }
    console.log(`unpinned keep-alive: ${REQUESTS} sequential GET /health in ${plain.ms.toFixed(0)} ms (${(plain.ms / REQUESTS).toFixed(3)} ms/req)`);
    console.log(`pinned keep-alive:   ${REQUESTS} sequential GET /health in ${withPin.ms.toFixed(0)} ms (${(withPin.ms / REQUESTS).toFixed(3)} ms/req)`);
    console.log(`ratio pinned/unpinned: ${(withPin.ms / plain.ms).toFixed(3)}`);

    const logins: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const { ms } = await timed(() => pinned.post('/sessions', LoginResponse, { body: { login: 'admin', password: 'Admin-Portal-2026' } }));
      logins.push(ms);
    }
    summarise('login latency (scrypt N=16384, pinned, keep-alive)', logins);
  } finally {
    await portal.close();
  }
  await benchBrowserModeStartup();
}

async function sequential(client: PortalClient, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await client.get('/health', Health);
}

/** Wall time from launching the browser host to the signed-in shell on the local test portal (fresh user data). */
async function benchBrowserModeStartup(): Promise<void> {
  const userData = mkdtempSync(join(tmpdir(), 'portal-console-bench-'));
  const started = performance.now();
  const host = spawn(process.execPath, ['out/main/browser-main.js', '--json', '--user-data', userData], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: host.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url)),
  );
  const hostReady = performance.now() - started;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(url);
    await page.getByTestId('profile-Local test portal').getByRole('button', { name: /Connect/ }).click();
    const panel = page.getByTestId('sign-in-panel');
    await panel.getByRole('textbox', { name: 'Login', exact: true }).fill('admin');
    await panel.getByRole('textbox', { name: 'Password', exact: true }).fill('Admin-Portal-2026');
    await panel.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('portal-name').waitFor();
    const total = performance.now() - started;
    console.log(`browser mode: host ready (embedded portal started, first run) ${hostReady.toFixed(0)} ms; signed-in shell ${total.toFixed(0)} ms after launch`);
  } finally {
    await browser.close();
    host.kill('SIGTERM');
  }
}
