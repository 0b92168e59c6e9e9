import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { contract, EMBEDDED_PROFILE_DEFAULT_NAME, isChannel, isPortalWrite, type CallResult, type ConsoleHandlers, type Channel, type ProfileView } from '../common/contract';
import { ConsoleError } from '../common/errors';
import type { BackendContext } from './context';
import { allHandlers } from './features';
import type { FileDialogs } from './features/backup-transfers';
import { ClientLog } from './services/client-log';
import type { EmbeddedPortal, EmbeddedPortalLauncher } from './services/embedded-portal';
import { embeddedPortalFolders } from './services/embedded-portal-options';
import { EMBEDDED_PROFILE_ID, ProfileStore } from './services/profiles';
import { SessionManager } from './services/session';
import type { Vault } from './services/vault';
import { DEFAULT_WORKSPACE, Workspaces } from './services/workspaces';

export interface BackendOptions {
  userDataDir: string;
  vault: Vault;
  shell: 'electron' | 'browser';
  appVersion: string;
  /** Starts the embedded local test portal; null when the console runs without one. */
  embeddedPortal: EmbeddedPortalLauncher | null;
  /** Electron: opens another console window (its own workspace), on the sign-in of `profileId` if given. */
  openWindow?: (profileId: string | undefined) => Promise<void>;
  /** Electron's save and open dialogs (archives stream to and from the chosen files); absent in browser mode. */
  fileDialogs?: FileDialogs;
}

export interface Backend {
  /** Runs one contract call in `workspace` (a window or tab; each holds its own portal session). */
  dispatch(channel: string, request: unknown, workspace?: string): Promise<CallResult>;
  /** The window or tab is gone: signs its portal session out and drops it. */
  closeWorkspace(workspace: string): Promise<void>;
  readonly context: BackendContext;
  /** Settles once the embedded portal is up (or failed); the console serves and answers before that. */
  readonly embedded: Promise<EmbeddedPortal | null>;
  close(): Promise<void>;
}

/** Plain Node: implements the console contract over services. Electron and the browser host both bind it. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  await mkdir(options.userDataDir, { recursive: true });
  const log = new ClientLog(join(options.userDataDir, 'logs'));
  const profiles = await ProfileStore.open(options.userDataDir);
  const workspaces = new Workspaces(() => new SessionManager(profiles, options.vault, log));
  const context: BackendContext = { ...options, log, profiles, session: workspaces, workspaces };
  const handlers = allHandlers(context);
  let embeddedStarting = options.embeddedPortal !== null;
  const closing = new AbortController();
  const embedded = startEmbeddedPortal(options, profiles, log, closing.signal).finally(() => {
    embeddedStarting = false;
  });
  log.info('console started', { shell: options.shell, version: options.appVersion, platform: process.platform });

  const dispatch = (channel: string, request: unknown, workspace = DEFAULT_WORKSPACE): Promise<CallResult> =>
    workspaces.run(workspace, () => dispatchHere(channel, request));

  const dispatchHere = async (channel: string, request: unknown): Promise<CallResult> => {
    try {
      if (!isChannel(channel)) throw new ConsoleError('UNKNOWN_CHANNEL', `Unknown call ${channel}`);
      if (workspaces.readOnly() && isPortalWrite(contract[channel])) throw readOnlyRefusal(channel);
      if (embeddedStarting && needsEmbedded(channel, request, profiles)) await embedded;
      const value = await invoke(handlers, channel, request);
      if (channel === 'profiles:list' && embeddedStarting) return { ok: true, value: withEmbeddedStarting(value as ProfileView[]) };
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ConsoleError && error.code === 'SESSION_EXPIRED') workspaces.expire();
      return { ok: false, error: toErrorShape(error, channel, log) };
    }
  };

  return {
    dispatch,
    closeWorkspace: (workspace) => workspaces.closeWorkspace(workspace),
    context,
    embedded,
    close: async () => {
      // A portal still starting is stopped now: closing never waits for its start (up to two minutes).
      closing.abort();
      await workspaces.close();
      await (await embedded)?.stop();
      await log.flush();
    },
  };
}

/** The one place read-only is enforced: before the request is even parsed, nothing of it reaches the portal. */
function readOnlyRefusal(channel: Channel): ConsoleError {
  return new ConsoleError('READ_ONLY', `This portal is open read-only: ${channel} would change it and was not sent.`, { channel });
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

/** Calls about the embedded profile wait until its portal is up; everything else answers at once. */
function needsEmbedded(channel: Channel, request: unknown, profiles: ProfileStore): boolean {
  if (channel === 'session:autoSignIn') return profiles.lastUsedProfileId === EMBEDDED_PROFILE_ID;
  if (typeof request !== 'object' || request === null) return false;
  const { id, profileId } = request as { id?: unknown; profileId?: unknown };
  return id === EMBEDDED_PROFILE_ID || profileId === EMBEDDED_PROFILE_ID;
}

/** The embedded profile as "starting" (on a first run it is not stored yet: shown all the same). */
function withEmbeddedStarting(list: ProfileView[]): ProfileView[] {
  const stored = list.find((profile) => profile.embedded);
  const starting: ProfileView = stored
    ? { ...stored, starting: true }
    : {
        id: EMBEDDED_PROFILE_ID,
        name: EMBEDDED_PROFILE_DEFAULT_NAME,
        url: 'https://127.0.0.1/',
        environment: 'dev',
        pin: null,
        backupPin: null,
        lastLogin: null,
        rememberPassword: false,
        portalForbidsRemember: false,
        embedded: true,
        createdAt: new Date().toISOString(),
        hasStoredPassword: false,
        starting: true,
      };
  return [starting, ...list.filter((profile) => profile !== stored)];
}

async function startEmbeddedPortal(options: BackendOptions, profiles: ProfileStore, log: ClientLog, closing: AbortSignal): Promise<EmbeddedPortal | null> {
  if (!options.embeddedPortal) return null;
  try {
    const { dataDir, logDir } = embeddedPortalFolders(options.userDataDir);
    const portal = await options.embeddedPortal(dataDir, logDir, closing);
    const existing = profiles.list().find((p) => p.id === EMBEDDED_PROFILE_ID);
    await profiles.upsert({
      id: EMBEDDED_PROFILE_ID,
      name: existing?.name ?? EMBEDDED_PROFILE_DEFAULT_NAME,
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
    const message = error instanceof Error ? error.message : String(error);
    if (closing.aborted) log.info('local test portal stopped before it was up', { message });
    else log.error('local test portal failed to start', { message });
    return null;
  }
}
