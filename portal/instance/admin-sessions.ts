import { createHash } from 'node:crypto';
import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Page } from '../../common/portal-api/common';
import type { AdminSession } from '../../common/portal-api/instance';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb, PortalExecutor } from '../db/client';
import { sessions, users } from '../db/schema';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../http/cursor';
import { problem } from '../http/problem';

/**
 * The public id of a session: SHA-256 of its stored token hash. It names the session in lists, URLs and
 * the audit log without revealing the hash (which is what a bearer token is looked up by).
 */
export function sessionPublicId(tokenHash: string): string {
  return createHash('sha256').update(tokenHash, 'utf8').digest('hex');
}

const publicIdSql = sql<string>`encode(sha256(convert_to(${sessions.tokenHash}, 'UTF8')), 'hex')`;

const SessionCursor = z.tuple([CursorTimestamp, z.string().regex(/^[0-9a-f]{64}$/)]);

const sessionColumns = {
  tokenHash: sessions.tokenHash,
  publicId: publicIdSql,
  createdAt: sessions.createdAt,
  expiresAt: sessions.expiresAt,
  user: { id: users.id, login: users.login, displayName: users.displayName },
};

type SessionListRow = {
  tokenHash: string;
  publicId: string;
  createdAt: Date;
  expiresAt: Date;
  user: { id: string; login: string; displayName: string };
};

function toAdminSession(row: SessionListRow, currentTokenHash: string | null): AdminSession {
  return {
    id: row.publicId,
    user: row.user,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.tokenHash === currentTokenHash,
  };
}

/** Unexpired sessions, newest first; the cursor is (createdAt, public id) of the previous page's last one. */
export async function listAdminSessions(
  db: PortalDb,
  query: { cursor?: string | undefined; limit: number },
  now: Date,
  currentTokenHash: string | null,
): Promise<Page<AdminSession>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, SessionCursor);
  const rows = await db
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        gt(sessions.expiresAt, now),
        after === undefined ? undefined : sql`(${sessions.createdAt}, ${publicIdSql}) < (${after[0]}::timestamptz, ${after[1]})`,
      ),
    )
    .orderBy(desc(sessions.createdAt), desc(publicIdSql))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.createdAt.toISOString(), last.publicId]) : null;
  return { items: items.map((row) => toAdminSession(row, currentTokenHash)), nextCursor };
}

export async function countActiveSessions(db: PortalExecutor, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(sessions).where(gt(sessions.expiresAt, now));
  return row?.n ?? 0;
}

/**
 * Ends a session by its public id and records who did it. An expired session counts as gone (404). The
 * caller's own session may be ended too; the answer says so (`current`).
 */
export async function revokeAdminSession(
  db: PortalDb,
  publicId: string,
  by: { actor: Actor; currentTokenHash: string | null; now: Date },
): Promise<AdminSession> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select(sessionColumns)
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(publicIdSql, publicId), gt(sessions.expiresAt, by.now)))
      .limit(1);
    if (row === undefined) {
      throw problem(404, 'Not Found', { code: 'session_not_found', detail: 'The session does not exist or has already ended.' });
    }
    await tx.delete(sessions).where(eq(sessions.tokenHash, row.tokenHash));
    const revoked = toAdminSession(row, by.currentTokenHash);
    await recordAudit(tx, {
      actor: by.actor,
      action: 'session.revoke',
      targetType: 'session',
      targetId: revoked.id,
      before: { user: revoked.user.login, createdAt: revoked.createdAt, expiresAt: revoked.expiresAt, ownSession: revoked.current },
      at: by.now,
    });
    return revoked;
  });
}
