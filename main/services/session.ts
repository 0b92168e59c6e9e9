import type { Agent } from 'undici';
import { ConsoleError } from '../../common/errors';
import type { Profile, SessionState, SignIn } from '../../common/contract';
import { LoginResponse, PortalInfo, type SessionUser } from '../../common/portal-api/session';
import type { Environment } from '../../common/portal-api/common';
import { z } from 'zod';
import { createPinnedAgent } from './pinning';
import { PortalClient } from './portal-client';
import type { ProfileStore } from './profiles';
import { vaultAccount, type Vault } from './vault';
import type { ClientLog } from './client-log';

export interface ActiveSession {
  profile: Profile;
  client: PortalClient;
  user: SessionUser;
  portal: PortalInfo;
  expiresAt: string;
  rememberMeAllowed: boolean;
  /** Main refuses every call that would change the portal (backend.dispatch). */
  readOnly: boolean;
}

/** Revoking a half-finished sign-in must not keep the person waiting much longer for the real error. */
const REVOKE_TIMEOUT_MS = 5_000;

/** The portal no longer knows the token: signing out there has nothing left to revoke. */
const sessionGoneCodes: ReadonlySet<string> = new Set(['NOT_SIGNED_IN', 'SESSION_EXPIRED']);

const environmentRank: Record<Environment, number> = { dev: 0, test: 1, prod: 2 };

/** The profile says what the administrator expects; the portal says what it is. Show the more sensitive. */
export function effectiveEnvironment(profile: Environment, portal: Environment): Environment {
  return environmentRank[portal] > environmentRank[profile] ? portal : profile;
}

/** Holds the signed-in portal session of one console window or tab (a workspace); the token never leaves main. */
export class SessionManager {
  private active: ActiveSession | null = null;
  private agents = new Map<string, { key: string; agent: Agent }>();

  constructor(
    private readonly profiles: ProfileStore,
    private readonly vault: Vault,
    private readonly log: ClientLog,
  ) {}

  current(): SessionState | null {
    return this.active ? toState(this.active) : null;
  }

  require(): ActiveSession {
    if (!this.active) throw new ConsoleError('NOT_SIGNED_IN', 'Not signed in to a portal');
    return this.active;
  }

  /** The signed-in client; features call the portal through it. */
  client(): PortalClient {
    return this.require().client;
  }

  /** Signed in read-only: every call that would change the portal is refused. */
  readOnly(): boolean {
    return this.active?.readOnly ?? false;
  }

  /** The client that may send queued changes (the ticket outbox) to `profileId`: never a read-only one. */
  clientFor(profileId: string): PortalClient | null {
    return this.active?.profile.id === profileId && !this.active.readOnly ? this.active.client : null;
  }

  signedInClients(): PortalClient[] {
    return this.active && !this.active.readOnly ? [this.active.client] : [];
  }

  /** A client for a profile without credentials (first contact, health). */
  anonymousClient(profile: Profile): PortalClient {
    return new PortalClient(profile.url, this.agentFor(profile));
  }

  async signIn(request: SignIn): Promise<SessionState> {
    const profile = this.profiles.get(request.profileId);
    if (!profile.pin) {
      throw new ConsoleError('TLS_UNTRUSTED', 'Trust the portal certificate before signing in', { profileId: profile.id });
    }
    const account = vaultAccount(profile.id, request.login);
    const usingStored = request.password === undefined;
    const password = request.password ?? (await this.storedPassword(account));
    if (request.remember && !usingStored) await this.assertVaultAvailable();

    const anonymous = this.anonymousClient(profile);
    const started = performance.now();
    let login: LoginResponse;
    try {
      login = (await anonymous.post('/sessions', LoginResponse, { body: { login: request.login, password } })).data;
    } catch (error) {
      // A stale saved password must not lock the account through repeated automatic sign-ins.
      if (usingStored && error instanceof ConsoleError && error.code === 'INVALID_CREDENTIALS') await this.vault.delete(account);
      this.log.warn('sign-in failed', { profile: profile.name, login: request.login, code: (error as ConsoleError).code });
      throw error;
    }
    const portalMs = Math.round(performance.now() - started);
    const client = anonymous.withToken(login.token);
    let active: ActiveSession;
    try {
      active = await this.completeSignIn(profile, client, login, request, { account, password, usingStored });
    } catch (error) {
      await this.revokeIssuedToken(client, profile, error);
      throw error;
    }
    this.active = active;
    // How long the portal took to sign in (its round trip) and the whole sign-in here: bench/startup.bench.ts reads them.
    const ms = { portal: portalMs, total: Math.round(performance.now() - started) };
    this.log.info('signed in', { profile: profile.name, login: request.login, portal: active.portal.name, version: active.portal.version, readOnly: active.readOnly, ms });
    const mismatch = environmentMismatch(active);
    if (mismatch) this.log.warn('the profile and the portal declare different environments', { profile: profile.name, profileSays: mismatch.profile, portalSays: mismatch.portal });
    return toState(active);
  }

  /** Everything after the portal issued a token; if any of it fails the token must not outlive the attempt. */
  private async completeSignIn(
    profile: Profile,
    client: PortalClient,
    login: LoginResponse,
    request: SignIn,
    secret: { account: string; password: string; usingStored: boolean },
  ): Promise<ActiveSession> {
    const portal = login.portal ?? (await client.get('/portal', PortalInfo)).data;
    // The portal's policy governs the keychain too: where it disables "remember me", no password is kept.
    const remember = request.remember && login.rememberMeAllowed;
    if (!login.rememberMeAllowed) await this.forgetProfilePassword(profile);
    await this.rememberOrForget(secret.account, secret.password, remember, secret.usingStored);
    const updated = await this.profiles.recordSignIn(profile.id, {
      lastLogin: request.login,
      rememberPassword: remember,
      portalForbidsRemember: !login.rememberMeAllowed,
    });
    const readOnly = profile.readOnly === true || request.readOnly === true;
    return { profile: updated, client, user: login.user, portal, expiresAt: login.expiresAt, rememberMeAllowed: login.rememberMeAllowed, readOnly };
  }

  /** Best effort: signs the half-finished session out on the portal; the sign-in's own error is what the caller sees. */
  private async revokeIssuedToken(client: PortalClient, profile: Profile, cause: unknown): Promise<void> {
    const revoked = await client.delete('/sessions/current', z.unknown(), { timeoutMs: REVOKE_TIMEOUT_MS }).then(
      () => true,
      () => false,
    );
    const code = cause instanceof ConsoleError ? cause.code : 'INTERNAL';
    this.log.warn('sign-in failed after the portal issued a token', { profile: profile.name, code, tokenRevoked: revoked });
  }

  async autoSignIn(): Promise<SessionState | null> {
    const id = this.profiles.lastUsedProfileId;
    if (!id) return null;
    const profile = this.profiles.list().find((p) => p.id === id);
    if (!profile?.rememberPassword || !profile.lastLogin || !profile.pin) return null;
    if (!(await this.vault.status()).available) return null;
    if (!(await this.vault.get(vaultAccount(profile.id, profile.lastLogin)))) return null;
    return this.signIn({ profileId: profile.id, login: profile.lastLogin, remember: true });
  }

  /**
   * Ends the session here in any case, and on the portal. Where the portal could not be told (unreachable,
   * server error), its token stays valid there until it expires: logged as an error and thrown, so the
   * console says so instead of "signed out".
   */
  async signOut(): Promise<void> {
    const active = this.active;
    this.active = null;
    if (!active) return;
    const profile = active.profile.name;
    try {
      await active.client.delete('/sessions/current', z.unknown());
    } catch (error) {
      const failure = error instanceof ConsoleError ? error : new ConsoleError('INTERNAL', String(error));
      if (sessionGoneCodes.has(failure.code)) {
        this.log.info('signed out', { profile, portalSessionAlreadyEnded: true });
        return;
      }
      this.log.error('signed out here, but the portal session could not be revoked', { profile, code: failure.code, expiresAt: active.expiresAt });
      throw new ConsoleError(failure.code, `Signed out here, but the portal session could not be revoked (${failure.message}); it stays valid on the portal until ${active.expiresAt}.`, {
        ...failure.details,
        reason: 'session_not_revoked',
        expiresAt: active.expiresAt,
      });
    }
    this.log.info('signed out', { profile });
  }

  /** Drops the local session after the portal said the token is no longer valid. */
  expire(): void {
    this.active = null;
  }

  async refreshPortalInfo(): Promise<PortalInfo> {
    const active = this.require();
    active.portal = (await active.client.get('/portal', PortalInfo)).data;
    return active.portal;
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<SessionState> {
    const active = this.require();
    await active.client.post('/sessions/current/password', z.unknown(), { body: { currentPassword, newPassword } });
    active.user = { ...active.user, mustChangePassword: false };
    const account = vaultAccount(active.profile.id, active.user.login);
    if (active.profile.rememberPassword && (await this.vault.status()).available) await this.vault.set(account, newPassword);
    return toState(active);
  }

  /** Pins changed: connections made under the old pins must not be reused. */
  async forgetAgent(profileId: string): Promise<void> {
    const cached = this.agents.get(profileId);
    this.agents.delete(profileId);
    if (this.active?.profile.id === profileId) this.active = null;
    await cached?.agent.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.signOut().catch(() => undefined);
    await Promise.all([...this.agents.values()].map(({ agent }) => agent.close().catch(() => undefined)));
    this.agents.clear();
  }

  private agentFor(profile: Profile): Agent {
    if (!profile.pin) throw new ConsoleError('TLS_UNTRUSTED', 'The portal certificate is not trusted yet', { profileId: profile.id });
    const key = `${profile.url}|${profile.pin}|${profile.backupPin ?? ''}`;
    const cached = this.agents.get(profile.id);
    if (cached?.key === key) return cached.agent;
    void cached?.agent.close().catch(() => undefined);
    const agent = createPinnedAgent({ primary: profile.pin, backup: profile.backupPin });
    this.agents.set(profile.id, { key, agent });
    return agent;
  }

  private async storedPassword(account: string): Promise<string> {
    const stored = (await this.vault.status()).available ? await this.vault.get(account) : null;
    if (!stored) {
      throw new ConsoleError('INVALID_CREDENTIALS', 'No saved password for this login: enter the password', { reason: 'no_saved_password' });
    }
    return stored;
  }

  private async assertVaultAvailable(): Promise<void> {
    const status = await this.vault.status();
    if (!status.available) throw new ConsoleError('KEYCHAIN_UNAVAILABLE', status.reason ?? 'No OS keychain available');
  }

  /** The password saved for the profile's last login (which may differ from the one signing in now). */
  private async forgetProfilePassword(profile: Profile): Promise<void> {
    if (profile.lastLogin && (await this.vault.status()).available) await this.vault.delete(vaultAccount(profile.id, profile.lastLogin));
  }

  private async rememberOrForget(account: string, password: string, remember: boolean, usingStored: boolean): Promise<void> {
    if (!(await this.vault.status()).available) return;
    if (remember && !usingStored) await this.vault.set(account, password);
    if (!remember) await this.vault.delete(account);
  }
}

function toState(active: ActiveSession): SessionState {
  return {
    profileId: active.profile.id,
    profileName: active.profile.name,
    environment: effectiveEnvironment(active.profile.environment, active.portal.environment),
    portal: active.portal,
    user: active.user,
    expiresAt: active.expiresAt,
    rememberMeAllowed: active.rememberMeAllowed,
    readOnly: active.readOnly,
    environmentMismatch: environmentMismatch(active),
  };
}

/** Production said on one side only (or test against development): the console says so, never silently picks. */
export function environmentMismatch(active: Pick<ActiveSession, 'profile' | 'portal'>): { profile: Environment; portal: Environment } | null {
  const profile = active.profile.environment;
  const portal = active.portal.environment;
  return profile === portal ? null : { profile, portal };
}
