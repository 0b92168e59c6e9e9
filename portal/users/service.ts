import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type {
  BulkItemResult,
  BulkRequest,
  BulkResponse,
  CreateUserRequest,
  GroupRef,
  PasswordResetRequest,
  UserDetail,
  UserFields,
} from '../../common/portal-api/users';
import { recordAudit } from '../audit';
import { assertMayChangeAccount, assertMayManageAdministrators } from '../auth/admin-roles';
import { hashPassword } from '../auth/passwords';
import type { Actor } from '../auth/require-admin';
import { revokeSessionsOfUser } from '../auth/sessions';
import type { PortalDb, PortalExecutor } from '../db/client';
import { principalMembers, principals, users, type UserRow } from '../db/schema';
import { isProblemError, problem } from '../http/problem';
import { readSecurityPolicy } from '../settings';
import { assertPasswordAcceptable, generateOneTimePassword, passwordContextOf } from './password-rules';
import { describeUser, loadUser, userEtag, userStatus, type LoadedUser, type ViewContext } from './representation';
import { activationCodeExpiry } from '../../common/domain/activation-code';
import { newActivationCode } from './activation';
import { bumpPrincipals, lockMembershipGraph } from '../rights/principals';
import { bumpVersionsNamingUser } from '../rights/user-cascade';

/** Throws 428/412 unless the request's If-Match names `etag` (routes bind checkIfMatch to the request). */
export type Precondition = (etag: string, current: unknown) => void;

export interface UserChangeContext {
  db: PortalDb;
  actor: Actor;
  now: Date;
}

export interface UserWithOneTimePassword {
  loaded: LoadedUser;
  /** Shown to the administrator once; never stored or audited. */
  oneTimePassword: string | null;
}

async function viewContext(db: PortalExecutor, now: Date): Promise<ViewContext> {
  return { policy: (await readSecurityPolicy(db)).policy, now };
}

function userNotFound() {
  return problem(404, 'Not Found', { code: 'user_not_found', detail: 'There is no user with this id.' });
}

/** The part of a user the audit log keeps as before/after. */
function auditView(detail: UserDetail) {
  return {
    login: detail.login,
    displayName: detail.displayName,
    email: detail.email,
    language: detail.language,
    enabled: detail.enabled,
    isAdmin: detail.isAdmin,
    groups: detail.groups.map((group) => group.name),
    mustChangePassword: detail.mustChangePassword,
    status: detail.status,
  };
}

function audit(ctx: UserChangeContext, tx: PortalExecutor, action: string, userId: string, before?: unknown, after?: unknown) {
  return recordAudit(tx, { actor: ctx.actor, action, targetType: 'user', targetId: userId, before, after, at: ctx.now });
}

const bumpVersion = (now: Date) => ({ version: sql`${users.version} + 1`, updatedAt: now });

// ---------------------------------------------------------------------------------------------
// Rules

async function assertLoginFree(tx: PortalExecutor, login: string, exceptId?: string): Promise<void> {
  const sameLogin = sql`lower(${users.login}) = lower(${login})`;
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(exceptId === undefined ? sameLogin : and(sameLogin, ne(users.id, exceptId)))
    .limit(1);
  if (taken !== undefined) {
    throw problem(409, 'Conflict', {
      code: 'login_taken',
      detail: `The login ${login} is already in use.`,
      errors: [{ path: 'login', message: 'Already in use' }],
    });
  }
}

async function assertGroupsExist(tx: PortalExecutor, groupIds: readonly string[]): Promise<void> {
  const wanted = [...new Set(groupIds)];
  if (wanted.length === 0) return;
  const found = await tx
    .select({ id: principals.id })
    .from(principals)
    .where(and(inArray(principals.id, wanted), eq(principals.kind, 'group')));
  const known = new Set(found.map((row) => row.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw problem(400, 'Bad Request', {
      code: 'unknown_group',
      detail: 'Some of the groups do not exist (any more).',
      errors: unknown.map((id) => ({ path: 'groupIds', message: `No group ${id}` })),
    });
  }
}

/**
 * Administrators cannot disable, delete or demote themselves. That also keeps the portal administrable:
 * whoever acts is an enabled administrator and stays one.
 */
function assertNotSelf(ctx: UserChangeContext, row: UserRow, removesAccess: boolean): void {
  if (removesAccess && row.id === ctx.actor.id) {
    throw problem(409, 'Conflict', { code: 'self_lockout', detail: 'You cannot disable, delete or demote your own account.' });
  }
}

/**
 * Replaces the user's direct group memberships; roles and distribution lists stay as they are. The groups
 * that gain or lose the user change (their member count), so they get new versions. Call with the membership
 * lock held (lockMembershipGraph), taken before the user's row was locked.
 */
async function setGroups(tx: PortalExecutor, userId: string, groupIds: readonly string[]): Promise<void> {
  const wanted = new Set(groupIds);
  const current = await tx
    .select({ membershipId: principalMembers.id, groupId: principalMembers.containerId })
    .from(principalMembers)
    .innerJoin(principals, eq(principals.id, principalMembers.containerId))
    .where(and(eq(principalMembers.memberUserId, userId), eq(principals.kind, 'group')));
  const stale = current.filter((membership) => !wanted.has(membership.groupId));
  if (stale.length > 0) await tx.delete(principalMembers).where(inArray(principalMembers.id, stale.map((membership) => membership.membershipId)));
  const present = new Set(current.map((membership) => membership.groupId));
  const added = [...wanted].filter((id) => !present.has(id));
  const inserted =
    added.length === 0
      ? []
      : await tx
          .insert(principalMembers)
          .values(added.map((containerId) => ({ containerId, memberUserId: userId })))
          .onConflictDoNothing()
          .returning({ groupId: principalMembers.containerId });
  await bumpPrincipals(tx, [...stale, ...inserted].map((membership) => membership.groupId));
}

function sameGroups(detail: UserDetail, groupIds: readonly string[]): boolean {
  const wanted = new Set(groupIds);
  return detail.groups.length === wanted.size && detail.groups.every((group) => wanted.has(group.id));
}

function fieldsUnchanged(row: UserRow, detail: UserDetail, input: UserFields): boolean {
  return (
    row.login === input.login &&
    row.displayName === input.displayName &&
    row.email === input.email &&
    row.language === input.language &&
    row.enabled === input.enabled &&
    row.isAdmin === input.isAdmin &&
    sameGroups(detail, input.groupIds)
  );
}

async function lockedUser(tx: PortalExecutor, id: string, view: ViewContext, precondition: Precondition): Promise<LoadedUser> {
  const loaded = await loadUser(tx, id, view, true);
  if (loaded === null) throw userNotFound();
  precondition(loaded.etag, loaded.detail);
  return loaded;
}

// ---------------------------------------------------------------------------------------------
// Single-user changes

interface PasswordPlan {
  passwordHash: string | null;
  mustChangePassword: boolean;
  oneTimePassword: string | null;
}

async function planInitialPassword(input: CreateUserRequest, view: ViewContext): Promise<PasswordPlan> {
  const context = { login: input.login, displayName: input.displayName, email: input.email ?? undefined };
  switch (input.password.mode) {
    case 'none':
      return { passwordHash: null, mustChangePassword: true, oneTimePassword: null };
    case 'generate': {
      const oneTimePassword = generateOneTimePassword(view.policy, context);
      return { passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true, oneTimePassword };
    }
    case 'set':
      assertPasswordAcceptable(input.password.password, view.policy, context, 'password.password');
      return { passwordHash: await hashPassword(input.password.password), mustChangePassword: input.password.mustChange, oneTimePassword: null };
  }
}

export async function createUser(ctx: UserChangeContext, input: CreateUserRequest): Promise<UserWithOneTimePassword> {
  const view = await viewContext(ctx.db, ctx.now);
  // Cheap refusals first: a taken login or an unknown group must not cost a password hash.
  // The transaction checks both again, for changes made meanwhile.
  await assertLoginFree(ctx.db, input.login);
  await assertGroupsExist(ctx.db, input.groupIds);
  if (input.isAdmin) await assertMayManageAdministrators(ctx.db, ctx.actor.id);
  const plan = await planInitialPassword(input, view);
  return ctx.db.transaction(async (tx) => {
    await lockMembershipGraph(tx);
    await assertLoginFree(tx, input.login);
    await assertGroupsExist(tx, input.groupIds);
    const [row] = await tx
      .insert(users)
      .values({
        login: input.login,
        displayName: input.displayName,
        email: input.email,
        language: input.language,
        enabled: input.enabled,
        isAdmin: input.isAdmin,
        passwordHash: plan.passwordHash,
        mustChangePassword: plan.mustChangePassword,
        passwordChangedAt: plan.passwordHash === null ? null : ctx.now,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (row === undefined) throw new Error('insert returned no row');
    await setGroups(tx, row.id, input.groupIds);
    const loaded = await describeUser(tx, row, view);
    await audit(ctx, tx, 'user.create', row.id, undefined, { ...auditView(loaded.detail), passwordMode: input.password.mode });
    return { loaded, oneTimePassword: plan.oneTimePassword };
  });
}

export async function updateUser(ctx: UserChangeContext, id: string, input: UserFields, precondition: Precondition): Promise<LoadedUser> {
  return ctx.db.transaction(async (tx) => {
    await lockMembershipGraph(tx);
    const view = await viewContext(tx, ctx.now);
    const before = await lockedUser(tx, id, view, precondition);
    if (fieldsUnchanged(before.row, before.detail, input)) return before;
    if (input.login.toLowerCase() !== before.row.login.toLowerCase()) await assertLoginFree(tx, input.login, id);
    assertNotSelf(ctx, before.row, !input.enabled || !input.isAdmin);
    await assertMayChangeAccount(tx, ctx.actor.id, before.row, { becomesAdmin: input.isAdmin, removesAccess: !input.enabled || !input.isAdmin });
    await assertGroupsExist(tx, input.groupIds);
    const { groupIds, ...fields } = input;
    const [row] = await tx
      .update(users)
      .set({ ...fields, ...bumpVersion(ctx.now) })
      .where(eq(users.id, id))
      .returning();
    if (row === undefined) throw userNotFound();
    await setGroups(tx, id, groupIds);
    if (!input.enabled && before.row.enabled) await revokeSessionsOfUser(tx, id);
    const after = await describeUser(tx, row, view);
    await audit(ctx, tx, 'user.update', id, auditView(before.detail), auditView(after.detail));
    return after;
  });
}

export async function deleteUser(ctx: UserChangeContext, id: string, precondition: Precondition): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    // Deleting bumps the user's groups, as membership changes do: the same lock, taken first.
    await lockMembershipGraph(tx);
    const view = await viewContext(tx, ctx.now);
    const before = await lockedUser(tx, id, view, precondition);
    assertNotSelf(ctx, before.row, true);
    await assertMayChangeAccount(tx, ctx.actor.id, before.row, { becomesAdmin: false, removesAccess: true });
    await bumpVersionsNamingUser(tx, id);
    await tx.delete(users).where(eq(users.id, id));
    await audit(ctx, tx, 'user.delete', id, auditView(before.detail));
  });
}

export async function unlockUser(ctx: UserChangeContext, id: string, precondition: Precondition): Promise<LoadedUser> {
  return ctx.db.transaction(async (tx) => {
    const view = await viewContext(tx, ctx.now);
    const before = await lockedUser(tx, id, view, precondition);
    await assertMayChangeAccount(tx, ctx.actor.id, before.row, { becomesAdmin: false, removesAccess: false });
    if (before.row.lockedUntil === null && before.row.failedAttempts === 0) return before;
    const [row] = await tx
      .update(users)
      .set({ lockedUntil: null, failedAttempts: 0, ...bumpVersion(ctx.now) })
      .where(eq(users.id, id))
      .returning();
    if (row === undefined) throw userNotFound();
    const after = await describeUser(tx, row, view);
    const lockState = (r: UserRow) => ({ status: userStatus(r, ctx.now), failedAttempts: r.failedAttempts, lockedUntil: r.lockedUntil });
    await audit(ctx, tx, 'user.unlock', id, lockState(before.row), lockState(row));
    return after;
  });
}

async function planReset(request: PasswordResetRequest, row: UserRow, view: ViewContext): Promise<PasswordPlan | null> {
  switch (request.mode) {
    case 'require_change':
      return null;
    case 'generate': {
      const oneTimePassword = generateOneTimePassword(view.policy, passwordContextOf(row));
      return { passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true, oneTimePassword };
    }
    case 'set':
      assertPasswordAcceptable(request.password, view.policy, passwordContextOf(row), 'password');
      return { passwordHash: await hashPassword(request.password), mustChangePassword: request.mustChange, oneTimePassword: null };
  }
}

/** "Must change at next sign-in" needs a password to change. */
function assertResettable(request: PasswordResetRequest, row: UserRow): void {
  if (request.mode === 'require_change' && row.passwordHash === null) {
    throw problem(409, 'Conflict', { code: 'no_password', detail: 'The account has no password yet: set or generate one.' });
  }
}

/** A new password (generated once or typed by the administrator), or "must change at next sign-in". */
export async function resetPassword(
  ctx: UserChangeContext,
  id: string,
  request: PasswordResetRequest,
  precondition: Precondition,
): Promise<UserWithOneTimePassword> {
  const view = await viewContext(ctx.db, ctx.now);
  const current = await loadUser(ctx.db, id, view);
  if (current === null) throw userNotFound();
  // Cheap refusals (428/412/409) first; hashing takes a while and happens before the row is locked,
  // then the locked row is checked again.
  precondition(current.etag, current.detail);
  assertResettable(request, current.row);
  await assertMayChangeAccount(ctx.db, ctx.actor.id, current.row, { becomesAdmin: false, removesAccess: false });
  const plan = await planReset(request, current.row, view);
  return ctx.db.transaction(async (tx) => {
    const before = await lockedUser(tx, id, view, precondition);
    assertResettable(request, before.row);
    const change =
      plan === null
        ? { mustChangePassword: true }
        : { passwordHash: plan.passwordHash, mustChangePassword: plan.mustChangePassword, passwordChangedAt: ctx.now, activationCodeHash: null, activationCodeExpiresAt: null };
    const [row] = await tx
      .update(users)
      .set({ ...change, ...bumpVersion(ctx.now) })
      .where(eq(users.id, id))
      .returning();
    if (row === undefined) throw userNotFound();
    if (plan !== null) await revokeSessionsOfUser(tx, id);
    const after = await describeUser(tx, row, view);
    await audit(ctx, tx, 'user.password_reset', id, { mustChangePassword: before.row.mustChangePassword }, {
      mode: request.mode,
      mustChangePassword: row.mustChangePassword,
    });
    return { loaded: after, oneTimePassword: plan?.oneTimePassword ?? null };
  });
}

// ---------------------------------------------------------------------------------------------
// Bulk actions

type BulkItem = BulkRequest['items'][number];

async function applyBulkAction(
  ctx: UserChangeContext,
  tx: PortalExecutor,
  request: BulkRequest,
  before: LoadedUser,
  view: ViewContext,
): Promise<BulkItemResult> {
  const { row } = before;
  const ok = (updated: UserRow): BulkItemResult => ({ id: row.id, outcome: 'ok', etag: userEtag(updated) });
  const unchanged: BulkItemResult = { id: row.id, outcome: 'unchanged', etag: before.etag };
  await assertMayChangeAccount(tx, ctx.actor.id, row, { becomesAdmin: false, removesAccess: request.action === 'disable' || request.action === 'delete' });
  const update = async (set: Partial<typeof users.$inferInsert>) => {
    const [updated] = await tx
      .update(users)
      .set({ ...set, ...bumpVersion(ctx.now) })
      .where(eq(users.id, row.id))
      .returning();
    if (updated === undefined) throw userNotFound();
    return updated;
  };
  switch (request.action) {
    case 'disable': {
      if (!row.enabled) return unchanged;
      assertNotSelf(ctx, row, true);
      const updated = await update({ enabled: false });
      await revokeSessionsOfUser(tx, row.id);
      await audit(ctx, tx, 'user.disable', row.id, { enabled: true }, { enabled: false });
      return ok(updated);
    }
    case 'enable': {
      if (row.enabled) return unchanged;
      const updated = await update({ enabled: true });
      await audit(ctx, tx, 'user.enable', row.id, { enabled: false }, { enabled: true });
      return ok(updated);
    }
    case 'delete':
      assertNotSelf(ctx, row, true);
      await bumpVersionsNamingUser(tx, row.id);
      await tx.delete(users).where(eq(users.id, row.id));
      await audit(ctx, tx, 'user.delete', row.id, auditView(before.detail));
      return { id: row.id, outcome: 'ok' };
    case 'add_to_group': {
      const groupId = request.groupId as string;
      if (before.detail.groups.some((group) => group.id === groupId)) return unchanged;
      await tx.insert(principalMembers).values({ containerId: groupId, memberUserId: row.id }).onConflictDoNothing();
      await bumpPrincipals(tx, [groupId]);
      const updated = await update({});
      const groupsBefore = before.detail.groups.map((group) => group.name);
      const after = await describeUser(tx, updated, view);
      await audit(ctx, tx, 'user.add_to_group', row.id, { groups: groupsBefore }, { groups: after.detail.groups.map((group) => group.name) });
      return ok(updated);
    }
    case 'issue_activation_code': {
      if (row.passwordHash !== null) {
        throw problem(409, 'Conflict', { code: 'has_password', detail: 'The account has a password: reset it instead.' });
      }
      // A new code replaces an unspent one; the code itself is answered once and never stored or audited.
      const activation = newActivationCode();
      const validUntil = activationCodeExpiry(ctx.now);
      const updated = await update({ activationCodeHash: activation.hash, activationCodeExpiresAt: validUntil });
      await audit(ctx, tx, 'user.activation_code_issue', row.id, undefined, { activationCodeIssued: true, validUntil: validUntil.toISOString() });
      return { ...ok(updated), activationCode: activation.code, activationCodeValidUntil: validUntil.toISOString() };
    }
  }
}

/** Adding to a group and deleting bump groups' versions: they take the membership lock before the user's row. */
function changesMemberships(request: BulkRequest): boolean {
  return request.action === 'add_to_group' || request.action === 'delete';
}

async function bulkItem(ctx: UserChangeContext, request: BulkRequest, item: BulkItem, view: ViewContext): Promise<BulkItemResult> {
  try {
    return await ctx.db.transaction(async (tx) => {
      if (changesMemberships(request)) await lockMembershipGraph(tx);
      const before = await loadUser(tx, item.id, view, true);
      if (before === null) return { id: item.id, outcome: 'not_found', code: 'user_not_found' } satisfies BulkItemResult;
      if (before.etag !== item.etag) {
        return { id: item.id, outcome: 'conflict', code: 'etag_mismatch', detail: 'Changed by someone else since it was listed.', etag: before.etag } satisfies BulkItemResult;
      }
      return applyBulkAction(ctx, tx, request, before, view);
    });
  } catch (error) {
    if (!isProblemError(error) || error.statusCode >= 500) throw error;
    return { id: item.id, outcome: 'refused', code: error.body.code ?? 'refused', detail: error.body.detail ?? error.message };
  }
}

/** Each row in its own transaction with its own If-Match: one refused row never undoes the others. */
export async function runBulk(ctx: UserChangeContext, request: BulkRequest): Promise<BulkResponse> {
  if (request.action === 'add_to_group') await assertGroupsExist(ctx.db, [request.groupId as string]);
  const view = await viewContext(ctx.db, ctx.now);
  const results: BulkItemResult[] = [];
  for (const item of request.items) results.push(await bulkItem(ctx, request, item, view));
  return { results };
}

/** Every group, by name: the picker of the user form and the list's group filter. */
export async function groupOptions(db: PortalExecutor): Promise<GroupRef[]> {
  return db.select({ id: principals.id, name: principals.name }).from(principals).where(eq(principals.kind, 'group')).orderBy(asc(principals.name));
}
