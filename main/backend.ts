import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { contract, isChannel, type CallResult, type ConsoleHandlers, type Channel } from '../common/contract';
import { ConsoleError } from '../common/errors';
import type { BackendContext } from './context';
import { allHandlers } from './features';
import { ClientLog } from './services/client-log';
import type { EmbeddedPortal, EmbeddedPortalLauncher } from './services/embedded-portal';
import { EMBEDDED_PROFILE_ID, ProfileStore } from './services/profiles';
import { SessionManager } from './services/session';
import type { Vault } from './services/vault';

export interface BackendOptions {
  userDataDir: string;
  vault: Vault;
  shell: 'electron' | 'browser';
  appVersion: string;
  /** Starts the embedded local test portal; null when the console runs without one. */
  embeddedPortal: EmbeddedPortalLauncher | null;
}

export interface Backend {
  dispatch(channel: string, request: unknown): Promise<CallResult>;
  readonly context: BackendContext;
  readonly embedded: Promise<EmbeddedPortal | null>;
  close(): Promise<void>;
}

/** Plain Node: implements the console contract over services. Electron and the browser host both bind it. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  await mkdir(options.userDataDir, { recursive: true });
  const log = new ClientLog(join(options.userDataDir, 'logs'));
  const profiles = await ProfileStore.open(options.userDataDir);
  const session = new SessionManager(profiles, options.vault, log);
  const context: BackendContext = { ...options, log, profiles, session };
  const handlers = allHandlers(context);
  const embedded = startEmbeddedPortal(options, profiles, log);
  log.info('console started', { shell: options.shell, version: options.appVersion, platform: process.platform });

  const dispatch = async (channel: string, request: unknown): Promise<CallResult> => {
    try {
      if (!isChannel(channel)) throw new ConsoleError('UNKNOWN_CHANNEL', `Unknown call ${channel}`);
      if (channel.startsWith('profiles:') || channel === 'session:autoSignIn') await embedded;
      const value = await invoke(handlers, channel, request);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ConsoleError && error.code === 'SESSION_EXPIRED') session.expire();
      return { ok: false, error: toErrorShape(error, channel, log) };
    }
  };

  return {
    dispatch,
    context,
    embedded,
    close: async () => {
      await session.close();
      await (await embedded)?.stop();
      await log.flush();
    },
  };
}

async function invoke<C extends Channel>(handlers: ConsoleHandlers, channel: C, request: unknown): Promise<unknown> {
  const spec = contract[channel];
  const parsed = spec.request.safeParse(request ?? {});
  if (!parsed.success) {
    throw new ConsoleError('VALIDATION', `Invalid request for ${channel}`, {
      errors: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
  const value = await handler(parsed.data);
  const checked = (spec.response as z.ZodTypeAny).safeParse(value);
  if (!checked.success) throw new Error(`${channel} produced an invalid response: ${checked.error.message}`);
  return checked.data;
}

function toErrorShape(error: unknown, channel: string, log: ClientLog) {
  if (error instanceof ConsoleError) {
    if (error.code === 'INTERNAL' || error.code === 'SERVER_ERROR' || error.code === 'MALFORMED_RESPONSE') {
      log.error(`${channel} failed`, { code: error.code, message: error.message });
    }
    return error.toJSON();
  }
  log.error(`${channel} failed unexpectedly`, { message: error instanceof Error ? error.message : String(error) });
  return new ConsoleError('INTERNAL', 'An unexpected error occurred in the console; see the console log').toJSON();
}

async function startEmbeddedPortal(options: BackendOptions, profiles: ProfileStore, log: ClientLog): Promise<EmbeddedPortal | null> {
  if (!options.embeddedPortal) return null;
  try {
    const portal = await options.embeddedPortal(join(options.userDataDir, 'local-portal'), join(options.userDataDir, 'logs'));
    const existing = profiles.list().find((p) => p.id === EMBEDDED_PROFILE_ID);
    await profiles.upsert({
      id: EMBEDDED_PROFILE_ID,
      name: existing?.name ?? 'Local test portal',
      url: portal.url,
      environment: 'dev',
      // The console generated this certificate itself: trust is established by construction.
      pin: portal.spki,
      backupPin: null,
      lastLogin: existing?.lastLogin ?? null,
      rememberPassword: existing?.rememberPassword ?? false,
      portalForbidsRemember: existing?.portalForbidsRemember ?? false,
      embedded: true,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
    });
    log.info('local test portal started', { url: portal.url });
    return portal;
  } catch (error) {
    log.error('local test portal failed to start', { message: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
