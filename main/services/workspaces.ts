import { AsyncLocalStorage } from 'node:async_hooks';
import type { Profile, SessionState, SignIn } from '../../common/contract';
import type { PortalInfo } from '../../common/portal-api/session';
import type { PortalClient } from './portal-client';
import type { ActiveSession, SessionManager } from './session';

/**
 * What handlers use of a portal session. A SessionManager is one; the workspace router is one too and hands
 * each call to the session of the window (Electron) or tab (browser mode) that made it.
 */
export type SessionApi = Pick<
  SessionManager,
  | 'current'
  | 'readOnly'
  | 'require'
  | 'client'
  | 'clientFor'
  | 'signedInClients'
  | 'anonymousClient'
  | 'signIn'
  | 'autoSignIn'
  | 'signOut'
  | 'expire'
  | 'refreshPortalInfo'
  | 'changePassword'
  | 'forgetAgent'
  | 'close'
>;

/** The workspace of calls made without one (tests, tools, a console with one window). */
export const DEFAULT_WORKSPACE = 'default';

export interface Workspace {
  id: string;
  session: SessionManager;
}

/**
 * One portal session per console window (Electron: per WebContents) or tab (browser mode: per host-issued
 * token). Each has its own SessionManager, hence its own token, pinned undici Agents and keychain use;
 * nothing but the profile list (and what is on disk per profile: drafts, the ticket outbox) is shared.
 */
export class Workspaces implements SessionApi {
  private readonly storage = new AsyncLocalStorage<Workspace>();
  private readonly byId = new Map<string, Workspace>();

  constructor(private readonly createSession: () => SessionManager) {}

  /** Runs `work` as a call of workspace `id` (created on first use). */
  run<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.storage.run(this.open(id), work);
  }

  open(id: string): Workspace {
    let workspace = this.byId.get(id);
    if (!workspace) {
      workspace = { id, session: this.createSession() };
      this.byId.set(id, workspace);
    }
    return workspace;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The window or tab is gone: its portal session is signed out and its connections closed. */
  async closeWorkspace(id: string): Promise<void> {
    const workspace = this.byId.get(id);
    this.byId.delete(id);
    await workspace?.session.close();
  }

  /** The workspace of the call in progress; outside of one, the default workspace. */
  get here(): Workspace {
    return this.storage.getStore() ?? this.open(DEFAULT_WORKSPACE);
  }

  private get session(): SessionManager {
    return this.here.session;
  }

  current(): SessionState | null {
    return this.session.current();
  }

  readOnly(): boolean {
    return this.session.readOnly();
  }

  require(): ActiveSession {
    return this.session.require();
  }

  client(): PortalClient {
    return this.session.client();
  }

  /**
   * The signed-in client for a profile: this workspace's first; outside of a call (timers such as the ticket
   * outbox) or where this workspace is signed in elsewhere, any workspace signed in to that profile.
   */
  clientFor(profileId: string): PortalClient | null {
    const inCall = this.storage.getStore();
    const own = inCall?.session.clientFor(profileId) ?? null;
    if (own || inCall) return own;
    for (const workspace of this.byId.values()) {
      const client = workspace.session.clientFor(profileId);
      if (client) return client;
    }
    return null;
  }

  signedInClients(): PortalClient[] {
    return [...this.byId.values()].flatMap((workspace) => workspace.session.signedInClients());
  }

  anonymousClient(profile: Profile): PortalClient {
    return this.session.anonymousClient(profile);
  }

  signIn(request: SignIn): Promise<SessionState> {
    return this.session.signIn(request);
  }

  autoSignIn(): Promise<SessionState | null> {
    return this.session.autoSignIn();
  }

  signOut(): Promise<void> {
    return this.session.signOut();
  }

  expire(): void {
    this.session.expire();
  }

  refreshPortalInfo(): Promise<PortalInfo> {
    return this.session.refreshPortalInfo();
  }

  changePassword(currentPassword: string, newPassword: string): Promise<SessionState> {
    return this.session.changePassword(currentPassword, newPassword);
  }

  /** Pins changed: no workspace may reuse a connection made under the old ones. */
  async forgetAgent(profileId: string): Promise<void> {
    await Promise.all([...this.byId.values()].map((workspace) => workspace.session.forgetAgent(profileId)));
  }

  async close(): Promise<void> {
    const all = [...this.byId.values()];
    this.byId.clear();
    await Promise.all(all.map((workspace) => workspace.session.close()));
  }
}
