import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { afterFailure, isLocked } from '../auth/login';
import { burnPasswordCheck, verifyPassword } from '../auth/passwords';
import { sessionLifetime } from '../auth/tokens';
import { unknownLoginLockoutOf } from '../auth/unknown-login-lockout';
import type { PortalContext } from '../context';
import type { PortalExecutor } from '../db/client';
import { memberSessions, users, type UserRow } from '../db/schema';
import { problem } from '../http/problem';
import { readSecurityPolicy } from '../settings';
import { changeOwnPassword } from '../users/account';
import { passwordChangeDueAtSignIn } from '../users/sign-in-policy';
import type { MemberSignedIn } from '../../common/portal-api/member';
import { issueMemberSession } from './sessions';

/**
 * Member sign-in with the same lockout as the admin one (the policy's "Benutzeranmeldung nach 3 Falscheingaben 30
 * Minuten lang sperren"), audited as `member_session.*`. Every enabled account with a password is a member,
 * administrators included; their member session is not an admin session.
 */

const invalid = () => problem(401, 'Unauthorized', { code: 'invalid_credentials', detail: 'Login or password is wrong.' });
const locked = (until: Date) =>
  problem(423, 'Locked', { code: 'account_locked', detail: 'The account is locked after too many failed sign-ins.', lockedUntil: until.toISOString() });

async function findUser(db: PortalExecutor, login: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.login}) = lower(${login})`).limit(1);
  return row;
}

async function rejectUnknown(ctx: PortalContext, login: string, password: string, user: UserRow | undefined, now: Date): Promise<never> {
  await burnPasswordCheck(password);
  const reason = user === undefined ? 'unknown_login' : user.enabled ? 'no_password' : 'disabled';
  const tracker = unknownLoginLockoutOf(ctx.db);
  const audit = { actor: null, actorLogin: login, targetType: 'user', targetId: user?.id ?? null, at: now };
  const current = tracker.stateOf(login);
  if (isLocked(current, now)) {
    await recordAudit(ctx.db, { ...audit, action: 'member_session.login_locked', after: { reason } });
    throw locked(current.lockedUntil as Date);
  }
  const { policy } = await readSecurityPolicy(ctx.db);
  const next = tracker.fail(login, (state) => afterFailure(state, policy.lockout, now));
  await recordAudit(ctx.db, { ...audit, action: 'member_session.login_failed', after: { reason, failedAttempts: next.failedAttempts } });
  throw next.lockedUntil === null ? invalid() : locked(next.lockedUntil);
}

type Attempt = { kind: 'ok'; signedIn: MemberSignedIn } | { kind: 'refused'; error: Error };

async function failure(tx: PortalExecutor, user: UserRow, login: string, now: Date): Promise<Attempt> {
  const { policy } = await readSecurityPolicy(tx);
  const next = afterFailure(user, policy.lockout, now);
  await tx.update(users).set(next).where(eq(users.id, user.id));
  const audit = { actor: null, actorLogin: login, targetType: 'user', targetId: user.id, at: now };
  await recordAudit(tx, { ...audit, action: 'member_session.login_failed', after: { reason: 'wrong_password', failedAttempts: next.failedAttempts } });
  if (next.lockedUntil === null) return { kind: 'refused', error: invalid() };
  await recordAudit(tx, { ...audit, action: 'user.locked', after: { lockedUntil: next.lockedUntil.toISOString() } });
  return { kind: 'refused', error: locked(next.lockedUntil) };
}

async function success(tx: PortalExecutor, user: UserRow, password: string, remember: boolean, now: Date): Promise<Attempt> {
  await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
  const actor = { id: user.id, login: user.login };
  // Expired ("Änderung der Kennwörter: alle ... Tage"), flagged, or below a tightened policy: no member session until
  // the password is changed (the admin API's own-password route serves members for that).
  if (await passwordChangeDueAtSignIn(tx, user, password, now)) {
    await recordAudit(tx, { actor, action: 'member_session.login_denied', targetType: 'user', targetId: user.id, after: { reason: 'password_change_required' }, at: now });
    const error = problem(403, 'Forbidden', { code: 'password_change_required', detail: 'The password must be changed before signing in to the member side.' });
    return { kind: 'refused', error };
  }
  const { policy } = await readSecurityPolicy(tx);
  const lifetime = sessionLifetime(remember, policy);
  const session = await issueMemberSession(tx, user.id, now, lifetime.ttlMs);
  await recordAudit(tx, { actor, action: 'member_session.login', targetType: 'user', targetId: user.id, after: { remembered: lifetime.remembered }, at: now });
  return {
    kind: 'ok',
    signedIn: {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      remembered: lifetime.remembered,
      member: { id: user.id, login: user.login, displayName: user.displayName, isAdmin: user.isAdmin },
    },
  };
}

/** The account behind a login that may try a password now; refuses (and counts) unknown or locked ones. */
async function signInCandidate(ctx: PortalContext, login: string, password: string, now: Date): Promise<UserRow & { passwordHash: string }> {
  const user = await findUser(ctx.db, login);
  if (user === undefined || !user.enabled || user.passwordHash === null) return rejectUnknown(ctx, login, password, user, now);
  if (isLocked(user, now)) {
    await burnPasswordCheck(password);
    await recordAudit(ctx.db, { actor: null, actorLogin: login, action: 'member_session.login_locked', targetType: 'user', targetId: user.id, at: now });
    throw locked(user.lockedUntil as Date);
  }
  return user as UserRow & { passwordHash: string };
}

export async function memberSignIn(ctx: PortalContext, login: string, password: string, remember: boolean): Promise<MemberSignedIn> {
  const now = ctx.now();
  const user = await signInCandidate(ctx, login, password, now);
  const matches = await verifyPassword(password, user.passwordHash);
  const attempt = await ctx.db.transaction(async (tx): Promise<Attempt> => {
    const [current] = await tx.select().from(users).where(and(eq(users.id, user.id), eq(users.enabled, true))).for('update');
    if (current === undefined) return { kind: 'refused', error: invalid() };
    if (isLocked(current, now)) return { kind: 'refused', error: locked(current.lockedUntil as Date) };
    const stillMatches = matches && current.passwordHash === user.passwordHash;
    return stillMatches ? success(tx, current, password, remember, now) : failure(tx, current, login, now);
  });
  if (attempt.kind === 'refused') throw attempt.error;
  return attempt.signedIn;
}

/**
 * A member whose password must change (expired, flagged, or below a tightened policy) changes it with the current one
 * and gets a member session: a wrong current password counts towards the lockout like a sign-in; the new one must meet
 * the policy (400) and differ. The user's other sessions, admin and member, end.
 */
export async function changePasswordAndSignIn(
  ctx: PortalContext,
  request: { login: string; currentPassword: string; newPassword: string; remember?: boolean | undefined },
): Promise<MemberSignedIn> {
  const now = ctx.now();
  const user = await signInCandidate(ctx, request.login, request.currentPassword, now);
  if (!(await verifyPassword(request.currentPassword, user.passwordHash))) {
    const attempt = await ctx.db.transaction(async (tx) => failure(tx, user, request.login, now));
    throw attempt.kind === 'refused' ? attempt.error : invalid();
  }
  const actor = { id: user.id, login: user.login };
  await changeOwnPassword({ db: ctx.db, actor, sessionTokenHash: '', now }, request.currentPassword, request.newPassword);
  await ctx.db.delete(memberSessions).where(eq(memberSessions.userId, user.id));
  return memberSignIn(ctx, request.login, request.newPassword, request.remember ?? false);
}
