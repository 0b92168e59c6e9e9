import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileHealth } from '../common/contract';
import { startPortal } from '../portal/server';
import { createBackend, type Backend } from '../main/backend';
import { HEALTH_PROBE_CONCURRENCY, HEALTH_PROBE_TIMEOUT_MS } from '../main/services/profile-health';
import { createMemoryVault } from '../main/test-support/memory-vault';
import { timed } from './stats';

const PROFILES = 200;
const SOME_PIN = `${'A'.repeat(43)}=`;

/**
 * Issue 11: the profile dashboard with 200 profiles, half of them unreachable: time until every health dot is
 * known (profiles:health answered). Unreachable twice over: nothing listens (refused at once), and a server that
 * accepts and never answers (each probe waits out the timeout).
 */
export async function benchProfileDashboard(): Promise<void> {
  const portal = await startPortal({ memory: true, demo: true, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  const silent = await silentServer();
  try {
    for (const kind of ['refused', 'silent'] as const) {
      const userDataDir = await mkdtemp(join(tmpdir(), 'portal-console-bench-dashboard-'));
      const backend = await createBackend({ userDataDir, vault: createMemoryVault(), shell: 'browser', appVersion: 'bench', embeddedPortal: null });
      try {
        const deadUrl = kind === 'refused' ? `https://127.0.0.1:${await closedPort()}` : `https://127.0.0.1:${(silent.server.address() as { port: number }).port}`;
        for (let i = 0; i < PROFILES; i += 1) {
          const live = i % 2 === 0;
          await call(backend, 'profiles:create', {
            name: `Kunde ${String(i).padStart(3, '0')}`,
            url: live ? portal.url : deadUrl,
            environment: (['prod', 'test', 'dev'] as const)[i % 3],
            pin: live ? portal.spki : SOME_PIN,
          });
        }
        const cold = await timed(() => call<ProfileHealth[]>(backend, 'profiles:health', {}));
        const warm = await timed(() => call<ProfileHealth[]>(backend, 'profiles:health', {}));
        const states = count(cold.value.map((entry) => entry.state));
        console.log(
          `${PROFILES} profiles, half unreachable (${kind}): all health dots in ${cold.ms.toFixed(0)} ms cold (new TLS), ${warm.ms.toFixed(0)} ms warm ` +
            `(${JSON.stringify(states)}; ${HEALTH_PROBE_CONCURRENCY} probes at once, ${HEALTH_PROBE_TIMEOUT_MS} ms timeout)`,
        );
      } finally {
        await backend.close();
        await rm(userDataDir, { recursive: true, force: true });
      }
    }
  } finally {
    silent.close();
    await portal.close();
  }
}

async function call<T = unknown>(backend: Backend, channel: string, request: unknown): Promise<T> {
  const result = await backend.dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

function count(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections on 127.0.0.1 and never says a word: a portal that hangs. */
async function silentServer(): Promise<{ server: Server; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      server.close();
    },
  };
}
