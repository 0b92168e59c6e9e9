import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallResult } from '../../common/contract';
import type { ConsoleErrorShape } from '../../common/errors';
import { createBackend, type Backend } from '../backend';
import type { EmbeddedPortalLauncher } from '../services/embedded-portal';
import type { Vault } from '../services/vault';
import { inProcessPortalLauncher } from './in-process-portal';
import { createMemoryVault } from './memory-vault';

/** The demo portal's administrator. */
export const DEMO_ADMIN = { login: 'admin', password: 'Admin-Portal-2026' } as const;

/** Tests only: calls through the contract exactly as the renderer would, unwrapping the CallResult. */
export function contractCaller(backend: () => Backend) {
  async function call<T = unknown>(channel: string, request: unknown = {}): Promise<T> {
    const result: CallResult = await backend().dispatch(channel, request);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  }
  async function failure(channel: string, request: unknown = {}): Promise<ConsoleErrorShape> {
    const result = await backend().dispatch(channel, request);
    if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return result.error;
  }
  return { call, failure };
}

export interface TestBackend {
  backend: Backend;
  userDataDir: string;
  vault: Vault;
  close(): Promise<void>;
}

/** Tests only: a backend on a fresh user-data folder with an in-memory vault and the demo portal in process. */
export async function createTestBackend(
  name: string,
  options: { embeddedPortal?: EmbeddedPortalLauncher | null; vault?: Vault } = {},
): Promise<TestBackend> {
  const userDataDir = await mkdtemp(join(tmpdir(), `portal-console-${name}-`));
  const vault = options.vault ?? createMemoryVault();
  const backend = await createBackend({
    userDataDir,
    vault,
    shell: 'browser',
    appVersion: '0.0.0-test',
    embeddedPortal: options.embeddedPortal === undefined ? inProcessPortalLauncher() : options.embeddedPortal,
  });
  await backend.embedded;
  return {
    backend,
    userDataDir,
    vault,
    close: async () => {
      await backend.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
