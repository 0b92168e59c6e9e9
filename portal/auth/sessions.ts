import { and, eq, lte, sql } from 'drizzle-orm';
import type { PortalExecutor } from '../db/client';
import { sessions, users, type UserRow } from '../db/schema';
import { hashSessionToken, newSessionToken, SESSION_TTL_MS } from './tokens';

export interface IssuedSession {
  token: string;
  tokenHash: string;
  expiresAt: Date;
}

export interface SessionWithUser {
  tokenHash: string;
  expiresAt: Date;
  user: Pick<UserRow, 'id' | 'login' | 'displayName' | 'isAdmin' | 'adminAreas' | 'enabled' | 'mustChangePassword'> & {
    /** False only for a session opened with an activation code, before the password is set. */
    hasPassword: boolean;
  };
}

export async function issueSession(db: PortalExecutor, userId: string, now: Date, ttlMs: number = SESSION_TTL_MS): Promise<IssuedSession> {
  const token = newSessionToken();
  const tokenHash = hashSessionToken(token);
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.insert(sessions).values({ tokenHash, userId, createdAt: now, expiresAt });
  return { token, tokenHash, expiresAt };
}

export async function findSessionByToken(db: PortalExecutor, token: string): Promise<SessionWithUser | null> {
  const tokenHash = hashSessionToken(token);
  const [row] = await db
    .select({
      tokenHash: sessions.tokenHash,
      expiresAt: sessions.expiresAt,
      user: {
        id: users.id,
        login: users.login,
        displayName: users.displayName,
        isAdmin: users.isAdmin,
        adminAreas: users.adminAreas,
        enabled: users.enabled,
        mustChangePassword: users.mustChangePassword,
        hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

export async function revokeSession(db: PortalExecutor, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user (after disabling, deleting or a password reset). */
export async function revokeSessionsOfUser(db: PortalExecutor, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: PortalExecutor, now: Date, userId?: string): Promise<void> {
  const expired = lte(sessions.expiresAt, now);
  await db.delete(sessions).where(userId === undefined ? expired : and(expired, eq(sessions.userId, userId)));
}
