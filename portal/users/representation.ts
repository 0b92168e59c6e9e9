import { and, asc, eq, inArray } from 'drizzle-orm';
import { passwordExpired } from '../../common/domain/password-policy';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import type { GroupRef, UserDetail, UserStatus, UserSummary } from '../../common/portal-api/users';
import type { PortalExecutor } from '../db/client';
import { principalMembers, principals, users, type UserRow } from '../db/schema';
import { etagOf } from '../http/etag';

/** What the representation needs of the policy and the clock. */
export interface ViewContext {
  policy: Pick<SecurityPolicy, 'password'>;
  now: Date;
}

export function userEtag(row: Pick<UserRow, 'id' | 'version'>): string {
  return etagOf(row.version, row.id);
}

export function userStatus(row: Pick<UserRow, 'enabled' | 'lockedUntil'>, now: Date): UserStatus {
  if (!row.enabled) return 'disabled';
  return row.lockedUntil !== null && row.lockedUntil.getTime() > now.getTime() ? 'locked' : 'active';
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

export function toUserSummary(row: UserRow, view: ViewContext): UserSummary {
  const status = userStatus(row, view.now);
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    email: row.email,
    language: row.language,
    enabled: row.enabled,
    isAdmin: row.isAdmin,
    status,
    lockedUntil: status === 'locked' ? iso(row.lockedUntil) : null,
    lastLoginAt: iso(row.lastLoginAt),
    hasPassword: row.passwordHash !== null,
    mustChangePassword: row.mustChangePassword,
    passwordExpired: row.passwordHash !== null && passwordExpired(row.passwordChangedAt, view.policy, view.now),
    etag: userEtag(row),
  };
}

export function toUserDetail(row: UserRow, groups: GroupRef[], view: ViewContext): UserDetail {
  const { etag: _etag, ...summary } = toUserSummary(row, view);
  return {
    ...summary,
    groups,
    failedAttempts: row.failedAttempts,
    passwordChangedAt: iso(row.passwordChangedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Direct memberships of kind `group`, by name. */
export async function groupsOfUser(db: PortalExecutor, userId: string): Promise<GroupRef[]> {
  return db
    .select({ id: principals.id, name: principals.name })
    .from(principalMembers)
    .innerJoin(principals, eq(principals.id, principalMembers.containerId))
    .where(and(eq(principalMembers.memberUserId, userId), eq(principals.kind, 'group')))
    .orderBy(asc(principals.name));
}

/** Group names per user for a batch of users (CSV export). */
export async function groupNamesOfUsers(db: PortalExecutor, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: principalMembers.memberUserId, name: principals.name })
    .from(principalMembers)
    .innerJoin(principals, eq(principals.id, principalMembers.containerId))
    .where(and(inArray(principalMembers.memberUserId, userIds), eq(principals.kind, 'group')))
    .orderBy(asc(principals.name));
  for (const { userId, name } of rows) {
    if (userId === null) continue;
    const names = byUser.get(userId) ?? [];
    names.push(name);
    byUser.set(userId, names);
  }
  return byUser;
}

export interface LoadedUser {
  row: UserRow;
  detail: UserDetail;
  etag: string;
}

export async function describeUser(db: PortalExecutor, row: UserRow, view: ViewContext): Promise<LoadedUser> {
  return { row, detail: toUserDetail(row, await groupsOfUser(db, row.id), view), etag: userEtag(row) };
}

/** The user with its groups; `forUpdate` locks the row for the rest of the transaction. */
export async function loadUser(db: PortalExecutor, id: string, view: ViewContext, forUpdate = false): Promise<LoadedUser | null> {
  const query = db.select().from(users).where(eq(users.id, id)).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row === undefined ? null : describeUser(db, row, view);
}
