import { and, eq, lte } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { PortalContext } from '../context';
import type { PortalExecutor } from '../db/client';
import { memberSessions, sessions, users } from '../db/schema';
import { problem } from '../http/problem';
import { readSecurityPolicy } from '../settings';
import { bearerTokenOf, hashSessionToken, newSessionToken } from '../auth/tokens';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { anonymousCaller, type Caller } from './rules';

export interface IssuedMemberSession {
  token: string;
  tokenHash: string;
  expiresAt: Date;
}

export async function issueMemberSession(db: PortalExecutor, userId: string, now: Date, ttlMs: number): Promise<IssuedMemberSession> {
  const token = newSessionToken();
  const tokenHash = hashSessionToken(token);
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.delete(memberSessions).where(and(eq(memberSessions.userId, userId), lte(memberSessions.expiresAt, now)));
  await db.insert(memberSessions).values({ tokenHash, userId, createdAt: now, expiresAt });
  return { token, tokenHash, expiresAt };
}

export async function revokeMemberSession(db: PortalExecutor, tokenHash: string): Promise<void> {
  await db.delete(memberSessions).where(eq(memberSessions.tokenHash, tokenHash));
}

async function findMemberSession(db: PortalExecutor, tokenHash: string) {
  const [row] = await db
    .select({
      tokenHash: memberSessions.tokenHash,
      expiresAt: memberSessions.expiresAt,
      user: { id: users.id, login: users.login, displayName: users.displayName, isAdmin: users.isAdmin, enabled: users.enabled },
    })
    .from(memberSessions)
    .innerJoin(users, eq(users.id, memberSessions.userId))
    .where(eq(memberSessions.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

async function isAdminSession(db: PortalExecutor, tokenHash: string): Promise<boolean> {
  const [row] = await db.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1);
  return row !== undefined;
}

const unauthorized = (code: string, detail: string) => problem(401, 'Unauthorized', { code, detail });

export interface ResolvedCaller extends Caller {
  policy: SecurityPolicy;
  /** The member session's token hash (kind `member` only), for signing out. */
  sessionTokenHash: string | null;
}

/**
 * Who calls, checked on every request against the stored policy (security sheet: "Alle weiteren Zugriffe werden erneut
 * überprüft"): no Authorization header is a guest or an outsider as guest access says; a member session is a member
 * (401 once it expired or the account was disabled or deleted); an admin-API session is an outsider here; any other
 * token is 401.
 */
export async function resolveCaller(ctx: Pick<PortalContext, 'db' | 'now'>, request: FastifyRequest): Promise<ResolvedCaller> {
  const { policy } = await readSecurityPolicy(ctx.db);
  const header = request.headers.authorization;
  if (header === undefined) return { ...anonymousCaller(policy), policy, sessionTokenHash: null };
  const token = bearerTokenOf(header);
  if (token === null) throw unauthorized('not_signed_in', 'Send the member session token as a Bearer token, or no Authorization header.');
  const tokenHash = hashSessionToken(token);
  const found = await findMemberSession(ctx.db, tokenHash);
  if (found === null) {
    if (await isAdminSession(ctx.db, tokenHash)) return { kind: 'outsider', member: null, policy, sessionTokenHash: null };
    throw unauthorized('not_signed_in', 'The member session token is not valid; sign in on the member side.');
  }
  if (found.expiresAt.getTime() <= ctx.now().getTime()) {
    await revokeMemberSession(ctx.db, tokenHash);
    throw unauthorized('session_expired', 'The member session has expired; sign in again.');
  }
  if (!found.user.enabled) {
    await revokeMemberSession(ctx.db, tokenHash);
    throw unauthorized('account_disabled', 'The account is disabled.');
  }
  const { enabled: _enabled, ...member } = found.user;
  return { kind: 'member', member, policy, sessionTokenHash: tokenHash };
}

/** 403 naming the caller kind and the setting that refuses it. */
export function refused(caller: Caller, code: string, detail: string) {
  return problem(403, 'Forbidden', { code, detail: `${detail} (caller: ${caller.kind})` });
}
