import { and, eq, sql } from 'drizzle-orm';
import type { SessionUser } from '../../common/portal-api/session';
import { recordAudit } from '../audit';
import type { PortalContext } from '../context';
import type { PortalExecutor } from '../db/client';
import { users, type UserRow } from '../db/schema';
import { readSecurityPolicy } from '../settings';
import { activationCodeMatches } from '../users/activation';
import { passwordChangeDueAtSignIn } from '../users/sign-in-policy';
import { areasOfAccount } from './admin-roles';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { unknownLoginLockoutOf } from './unknown-login-lockout';
import { issueSession, purgeExpiredSessions, type IssuedSession } from './sessions';
import { sessionLifetime } from './tokens';

export interface SignedIn {
  kind: 'signed_in';
  session: IssuedSession;
  user: SessionUser;
  /** The session got the remembered lifetime. */
  remembered: boolean;
  /** The policy allows "remember me" (clients may keep credentials). */
  rememberMeAllowed: boolean;
}

export type LoginOutcome =
  | SignedIn
  | { kind: 'invalid_credentials' }
  | { kind: 'locked'; lockedUntil: Date }
  | { kind: 'not_admin' }
  /** The right activation code, past its validity: the holder needs a new one. */
  | { kind: 'activation_code_expired'; expiredAt: Date };

export interface LockoutRule {
  maxFailures: number;
  minutes: number;
}

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The counters after one more wrong password; an expired lock starts a fresh count. */
export function afterFailure(state: LockState, rule: LockoutRule, now: Date): LockState {
  const lockExpired = state.lockedUntil !== null && !isLocked(state, now);
  const failedAttempts = (lockExpired ? 0 : state.failedAttempts) + 1;
  const locks = rule.maxFailures > 0 && failedAttempts >= rule.maxFailures;
  return { failedAttempts, lockedUntil: locks ? new Date(now.getTime() + rule.minutes * 60_000) : null };
}

async function findUserByLogin(db: PortalExecutor, login: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.login}) = lower(${login})`)
    .limit(1);
  return row;
}

function toSessionUser(user: UserRow): SessionUser {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    mustChangePassword: user.mustChangePassword,
    adminAreas: areasOfAccount(user),
  };
}

/**
 * A login without a usable account (unknown, disabled, no password) fails like a wrong password of a
 * real one: as slow, counted towards the same lockout (in memory, see UnknownLoginLockout), and answered
 * 423 with lockedUntil once the policy's limit is reached. The audit log alone keeps the real reason.
 */
async function rejectUnknown(ctx: PortalContext, login: string, password: string, user: UserRow | undefined, now: Date): Promise<LoginOutcome> {
  await burnPasswordCheck(password);
  const reason = user === undefined ? 'unknown_login' : user.enabled ? 'no_password' : 'disabled';
  const audit = { actor: null, actorLogin: login, targetType: 'user', targetId: user?.id ?? null, at: now };
  const tracker = unknownLoginLockoutOf(ctx.db);
  const current = tracker.stateOf(login);
  if (isLocked(current, now)) {
    await recordAudit(ctx.db, { ...audit, action: 'session.login_locked', after: { reason } });
    return { kind: 'locked', lockedUntil: current.lockedUntil as Date };
  }
  const { policy } = await readSecurityPolicy(ctx.db);
  const next = tracker.fail(login, (state) => afterFailure(state, policy.lockout, now));
  await recordAudit(ctx.db, { ...audit, action: 'session.login_failed', after: { reason, failedAttempts: next.failedAttempts } });
  return next.lockedUntil === null ? { kind: 'invalid_credentials' } : { kind: 'locked', lockedUntil: next.lockedUntil };
}

async function registerFailure(tx: PortalExecutor, user: UserRow, login: string, now: Date): Promise<LoginOutcome> {
  const { policy } = await readSecurityPolicy(tx);
  const next = afterFailure(user, policy.lockout, now);
  await tx.update(users).set(next).where(eq(users.id, user.id));
  const audit = { actor: null, actorLogin: login, targetType: 'user', targetId: user.id, at: now };
  await recordAudit(tx, { ...audit, action: 'session.login_failed', after: { reason: 'wrong_password', failedAttempts: next.failedAttempts } });
  if (next.lockedUntil === null) return { kind: 'invalid_credentials' };
  await recordAudit(tx, { ...audit, action: 'user.locked', after: { lockedUntil: next.lockedUntil.toISOString() } });
  return { kind: 'locked', lockedUntil: next.lockedUntil };
}

async function registerSuccess(tx: PortalExecutor, user: UserRow, password: string, remember: boolean, now: Date): Promise<LoginOutcome> {
  await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
  const actor = { id: user.id, login: user.login };
  if (!user.isAdmin) {
    await recordAudit(tx, { actor, action: 'session.login_denied', targetType: 'user', targetId: user.id, after: { reason: 'not_admin' }, at: now });
    return { kind: 'not_admin' };
  }
  // Expired, flagged or below the (possibly tightened) policy: this session may only change the password.
  const mustChangePassword = await passwordChangeDueAtSignIn(tx, user, password, now);
  const { policy } = await readSecurityPolicy(tx);
  const lifetime = sessionLifetime(remember, policy);
  await purgeExpiredSessions(tx, now, user.id);
  const session = await issueSession(tx, user.id, now, lifetime.ttlMs);
  await recordAudit(tx, { actor, action: 'session.login', targetType: 'user', targetId: user.id, after: { remembered: lifetime.remembered }, at: now });
  return {
    kind: 'signed_in',
    session,
    user: { ...toSessionUser(user), mustChangePassword },
    remembered: lifetime.remembered,
    rememberMeAllowed: !policy.disableRememberMe,
  };
}

async function refuseLocked(ctx: PortalContext, login: string, secret: string, user: UserRow, now: Date): Promise<LoginOutcome> {
  await burnPasswordCheck(secret);
  await recordAudit(ctx.db, { actor: null, actorLogin: login, action: 'session.login_locked', targetType: 'user', targetId: user.id, at: now });
  return { kind: 'locked', lockedUntil: user.lockedUntil as Date };
}

/** The user's row, locked for the sign-in's changes; undefined when gone or disabled meanwhile. */
async function lockEnabledUser(tx: PortalExecutor, id: string): Promise<UserRow | undefined> {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.enabled, true)))
    .for('update');
  return row;
}

/** Spends the activation code: a normal-length session (never remembered) that may only set the password. */
async function registerActivation(tx: PortalExecutor, user: UserRow, now: Date): Promise<LoginOutcome> {
  await tx
    .update(users)
    .set({ activationCodeHash: null, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
    .where(eq(users.id, user.id));
  const { policy } = await readSecurityPolicy(tx);
  await purgeExpiredSessions(tx, now, user.id);
  const session = await issueSession(tx, user.id, now);
  const after = { method: 'activation_code', remembered: false };
  await recordAudit(tx, { actor: { id: user.id, login: user.login }, action: 'session.login', targetType: 'user', targetId: user.id, after, at: now });
  const sessionUser = { ...toSessionUser(user), mustChangePassword: true };
  return { kind: 'signed_in', session, user: sessionUser, remembered: false, rememberMeAllowed: !policy.disableRememberMe };
}

/**
 * The first sign-in of an account without a password, with its one-time activation code (members too:
 * the session may only set the password, see require-admin.ts). A wrong code counts towards the lockout
 * like a wrong password.
 */
async function attemptActivation(ctx: PortalContext, user: UserRow, login: string, code: string): Promise<LoginOutcome> {
  const now = ctx.now();
  if (isLocked(user, now)) return refuseLocked(ctx, login, code, user, now);
  // As slow as a password check, so the time taken does not tell which kind of account this is.
  await burnPasswordCheck(code);
  const codeMatches = activationCodeMatches(code, user.activationCodeHash as string);
  return ctx.db.transaction(async (tx) => {
    const current = await lockEnabledUser(tx, user.id);
    if (current === undefined) return { kind: 'invalid_credentials' } as const;
    if (isLocked(current, now)) return { kind: 'locked', lockedUntil: current.lockedUntil as Date } as const;
    // Spent, replaced or a password set meanwhile: this code no longer signs in.
    const stillValid = codeMatches && current.passwordHash === null && current.activationCodeHash === user.activationCodeHash;
    if (!stillValid) return registerFailure(tx, current, login, now);
    const expiresAt = current.activationCodeExpiresAt;
    return expiresAt !== null && expiresAt <= now ? refuseExpiredCode(tx, current, expiresAt, now) : registerActivation(tx, current, now);
  });
}

/**
 * Whoever typed it holds the right code, so saying that it expired tells them nothing they could not
 * know, and tells them what to do. Not a failed attempt: the lockout is for guessing.
 */
async function refuseExpiredCode(tx: PortalExecutor, user: UserRow, expiredAt: Date, now: Date): Promise<LoginOutcome> {
  const after = { expiredAt: expiredAt.toISOString() };
  await recordAudit(tx, { actor: null, actorLogin: user.login, action: 'session.login_activation_expired', targetType: 'user', targetId: user.id, after, at: now });
  return { kind: 'activation_code_expired', expiredAt };
}

/**
 * Password sign-in with lockout: the failure that reaches the policy's limit locks the account; while
 * locked even the right password is refused; once the lock expires the count starts again. `remember`
 * asks for a remembered session, granted unless the policy disables "remember me". An account without
 * a password signs in once with its activation code instead (attemptActivation).
 */
export async function attemptLogin(ctx: PortalContext, login: string, password: string, remember = false): Promise<LoginOutcome> {
  const now = ctx.now();
  const user = await findUserByLogin(ctx.db, login);
  if (user?.enabled === true && user.passwordHash === null && user.activationCodeHash !== null) {
    return attemptActivation(ctx, user, login, password);
  }
  if (user === undefined || !user.enabled || user.passwordHash === null) {
    return rejectUnknown(ctx, login, password, user, now);
  }
  if (isLocked(user, now)) return refuseLocked(ctx, login, password, user, now);
  // Hash outside the transaction: scrypt is slow and must not hold the row lock.
  const passwordMatches = await verifyPassword(password, user.passwordHash);
  return ctx.db.transaction(async (tx) => {
    const current = await lockEnabledUser(tx, user.id);
    if (current === undefined) return { kind: 'invalid_credentials' } as const;
    if (isLocked(current, now)) return { kind: 'locked', lockedUntil: current.lockedUntil as Date } as const;
    // A password changed while we were hashing invalidates the comparison.
    const stillMatches = passwordMatches && current.passwordHash === user.passwordHash;
    return stillMatches ? registerSuccess(tx, current, password, remember, now) : registerFailure(tx, current, login, now);
  });
}

