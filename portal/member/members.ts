import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { MemberProfilePage, MemberProfile } from '../../common/portal-api/member';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import type { PortalExecutor } from '../db/client';
import { users } from '../db/schema';
import { CursorText, decodeCursor, encodeCursor } from '../http/cursor';
import { problem } from '../http/problem';
import { mayReadEmails, maySeeMembers, type Caller } from './rules';
import { refused } from './sessions';

const visibilityText: Record<SecurityPolicy['memberDataVisibility'], string> = {
  everyone: 'everyone (guests too) may see member data',
  members: 'only members may see member data',
  admins: 'only administrators may see member data',
};

function assertMaySee(caller: Caller, visibility: SecurityPolicy['memberDataVisibility']): void {
  if (!maySeeMembers(caller, visibility)) throw refused(caller, 'member_data_hidden', `The security policy says: ${visibilityText[visibility]}.`);
}

type ProfileRow = { id: string; login: string; displayName: string; email: string | null; isAdmin: boolean };

function toProfile(row: ProfileRow, caller: Caller): MemberProfile {
  return { id: row.id, login: row.login, displayName: row.displayName, email: mayReadEmails(caller) ? row.email : null, isAdmin: row.isAdmin };
}

const profileColumns = { id: users.id, login: users.login, displayName: users.displayName, email: users.email, isAdmin: users.isAdmin };
/** Members are the enabled accounts that can sign in. */
const isMember = and(eq(users.enabled, true), isNotNull(users.passwordHash));
const NameCursor = z.tuple([CursorText, z.uuid()]);

export async function listMembers(
  db: PortalExecutor,
  caller: Caller,
  policy: SecurityPolicy,
  query: { cursor?: string | undefined; limit: number; q?: string | undefined },
): Promise<MemberProfilePage> {
  assertMaySee(caller, policy.memberDataVisibility);
  const sortKey = sql<string>`lower(${users.displayName})`;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, NameCursor);
  const q = query.q?.toLowerCase();
  const rows = await db
    .select({ ...profileColumns, sortKey })
    .from(users)
    .where(
      and(
        isMember,
        q ? sql`strpos(lower(${users.displayName} || ' ' || ${users.login}), ${q}) > 0` : undefined,
        after === undefined ? undefined : sql`(${sortKey}, ${users.id}) > (${after[0]}, ${after[1]}::uuid)`,
      ),
    )
    .orderBy(asc(sortKey), asc(users.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => toProfile(row, caller)),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

export async function memberProfile(db: PortalExecutor, caller: Caller, policy: SecurityPolicy, id: string): Promise<MemberProfile> {
  assertMaySee(caller, policy.memberDataVisibility);
  const [row] = await db.select(profileColumns).from(users).where(and(eq(users.id, id), isMember)).limit(1);
  if (row === undefined) throw problem(404, 'Not Found', { code: 'member_not_found', detail: 'There is no member with this id.' });
  return toProfile(row, caller);
}
