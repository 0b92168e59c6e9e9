import { timingSafeEqual } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { RegistrationRequest } from '../../common/portal-api/account';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import type { SessionUser } from '../../common/portal-api/session';
import { recordAudit } from '../audit';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Actor } from '../auth/require-admin';
import type { PortalDb } from '../db/client';
import { sessions, users, type InvitationRow, type UserRow } from '../db/schema';
import { problem } from '../http/problem';
import { readSecurityPolicy } from '../settings';
import { spendInvitation, usableInvitation } from './invitations';
import { assertPasswordAcceptable, passwordContextOf } from './password-rules';

export interface OwnPasswordChange {
  db: PortalDb;
  actor: Actor;
  /** The session that asks; the user's other sessions end. */
  sessionTokenHash: string;
  now: Date;
}

/**
 * The current password must be right and the new one differ from it. An account without a password has
 * none to check: its only session came from an activation code, which was spent on the way in.
 */
async function assertCurrentPassword(user: UserRow, currentPassword: string | undefined, newPassword: string): Promise<void> {
  if (user.passwordHash === null) return;
  const currentMatches = currentPassword !== undefined && (await verifyPassword(currentPassword, user.passwordHash));
  if (!currentMatches) {
    throw problem(400, 'Bad Request', {
      code: 'wrong_current_password',
      detail: 'The current password is wrong.',
      errors: [{ path: 'currentPassword', message: 'The current password is wrong.' }],
    });
  }
  if (newPassword.normalize('NFC') === currentPassword.normalize('NFC')) {
    throw problem(400, 'Bad Request', {
      code: 'password_unchanged',
      detail: 'The new password must differ from the current one.',
      errors: [{ path: 'newPassword', message: 'Must differ from the current password.' }],
    });
  }
}

/**
 * The signed-in user's own new password: the current one must be right (if there is one), the new one
 * must differ and meet the policy (with the user's login, name and e-mail as context). Clears "must
 * change". The user's other sessions end; a member's own one too (the admin API has nothing more for them).
 */
export async function changeOwnPassword(ctx: OwnPasswordChange, currentPassword: string | undefined, newPassword: string): Promise<SessionUser> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.id)).limit(1);
  if (user === undefined) throw problem(401, 'Unauthorized', { code: 'not_signed_in', detail: 'The account no longer exists.' });
  await assertCurrentPassword(user, currentPassword, newPassword);
  const { policy } = await readSecurityPolicy(ctx.db);
  assertPasswordAcceptable(newPassword, policy, passwordContextOf(user), 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: ctx.now, mustChangePassword: false, activationCodeHash: null, activationCodeExpiresAt: null, version: sql`${users.version} + 1`, updatedAt: ctx.now })
      .where(eq(users.id, user.id))
      .returning();
    if (updated === undefined) throw problem(401, 'Unauthorized', { code: 'not_signed_in', detail: 'The account no longer exists.' });
    const keepOwn = updated.isAdmin ? ne(sessions.tokenHash, ctx.sessionTokenHash) : undefined;
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), keepOwn));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'user.password_change',
      targetType: 'user',
      targetId: user.id,
      before: { mustChangePassword: user.mustChangePassword, hadPassword: user.passwordHash !== null },
      after: { mustChangePassword: false },
      at: ctx.now,
    });
    return {
      id: updated.id,
      login: updated.login,
      displayName: updated.displayName,
      isAdmin: updated.isAdmin,
      mustChangePassword: false,
    };
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given.normalize('NFC'), 'utf8');
  const b = Buffer.from(expected.normalize('NFC'), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The registration code an invitee must give. A policy stored before the code was required in invitation mode may
 * have none: then nobody can join until an administrator sets one (the console names the missing setting).
 */
function assertRegistrationCode(request: RegistrationRequest, code: string | null): void {
  if (code === null) {
    throw problem(403, 'Forbidden', {
      code: 'registration_code_not_set',
      detail: 'Joining by invitation needs a registration code, and the portal has none yet; ask an administrator to set one.',
    });
  }
  if (!sameSecret(request.registrationCode ?? '', code)) {
    throw problem(403, 'Forbidden', {
      code: 'invalid_registration_code',
      detail: 'The registration code is wrong.',
      errors: [{ path: 'registrationCode', message: 'Wrong registration code' }],
    });
  }
}

/**
 * Whether the membership mode admits this registration (security sheet: "Mitglieder können nur auf Einladung
 * beitreten (Registrierungscode ist erforderlich)", "Für jeden offen"): `open` with nothing more (neither code is
 * looked at), `invitation` with the registration code and a usable invitation for the e-mail (answered, to be
 * spent), `admins_only` never.
 */
async function admission(db: PortalDb, request: RegistrationRequest, membership: SecurityPolicy['membership'], now: Date): Promise<InvitationRow | null> {
  if (membership.mode === 'open') return null;
  if (membership.mode === 'invitation') {
    assertRegistrationCode(request, membership.registrationCode);
    return usableInvitation(db, request.invitationCode, request.email, now);
  }
  throw problem(403, 'Forbidden', { code: 'registration_closed', detail: 'This portal does not accept registrations.' });
}

/** Self-registration: membership mode `open` (registration code, if set) or `invitation` (the invitation is spent). */
export async function register(db: PortalDb, request: RegistrationRequest, now: Date): Promise<{ id: string; login: string }> {
  const { policy } = await readSecurityPolicy(db);
  const invitation = await admission(db, request, policy.membership, now);
  assertPasswordAcceptable(request.password, policy, { login: request.login, displayName: request.displayName, email: request.email }, 'password');
  const passwordHash = await hashPassword(request.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.login}) = lower(${request.login})`).limit(1);
    if (taken !== undefined) {
      throw problem(409, 'Conflict', { code: 'login_taken', detail: 'This login is already in use.', errors: [{ path: 'login', message: 'Already in use' }] });
    }
    const [row] = await tx
      .insert(users)
      .values({
        login: request.login,
        displayName: request.displayName,
        email: request.email,
        passwordHash,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id, login: users.login });
    if (row === undefined) throw new Error('insert returned no row');
    if (invitation !== null) await spendInvitation(tx, invitation, row, now);
    await recordAudit(tx, {
      actor: null,
      actorLogin: request.login,
      action: 'user.register',
      targetType: 'user',
      targetId: row.id,
      after: { login: request.login, displayName: request.displayName, email: request.email, invitationId: invitation?.id ?? null },
      at: now,
    });
    return row;
  });
}
