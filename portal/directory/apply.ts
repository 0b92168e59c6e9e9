import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { changedFields, type DirectoryPlan, type Membership, type PlannedUser, type UserChange } from '../../common/domain/directory-plan';
import type { Actor } from '../auth/require-admin';
import type { PortalDb, PortalTx } from '../db/client';
import { newTimeOrderedId } from '../db/ids';
import { auditLog, directoryLinks, orgUnitPlacements, orgUnits, principalMembers, principals, users } from '../db/schema';
import { lockMembershipGraph } from '../rights/principals';
import { lockOrgStructure } from '../rights/org-units';
import { departmentLinkId, ROOT_UNIT_ID, type LoadedState } from './portal-state';

export const DIRECTORY_BATCH_SIZE = 500;

export interface ApplyContext {
  db: PortalDb;
  actor: Actor;
  runId: string;
  now: () => Date;
  orgUnitRoot: string;
  /** Called after each committed batch with how many changes it wrote. */
  progress: (written: number) => Promise<void>;
}

type AuditRow = typeof auditLog.$inferInsert;

function chunks<T>(items: readonly T[], size = DIRECTORY_BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every batch takes the org structure lock, then the membership lock: the order the rights routes use. */
async function inBatch<T>(ctx: ApplyContext, work: (tx: PortalTx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    await lockOrgStructure(tx);
    await lockMembershipGraph(tx);
    return work(tx);
  });
}

function audit(ctx: ApplyContext, at: Date, action: string, targetType: string, targetId: string, before: unknown, after: unknown): AuditRow {
  return { id: newTimeOrderedId(at.getTime()), at, actorId: ctx.actor.id, actorLogin: ctx.actor.login, action, targetType, targetId, before, after };
}

/** The root unit and one unit per department under it (an existing unit of that name is taken over). */
async function ensureUnits(ctx: ApplyContext, plan: DirectoryPlan, loaded: LoadedState): Promise<void> {
  if (plan.createDepartments.length === 0) return;
  await inBatch(ctx, async (tx) => {
    const at = ctx.now();
    let rootId = loaded.rootUnitId;
    const audits: AuditRow[] = [];
    if (rootId === null) {
      rootId = await unitNamed(tx, null, ctx.orgUnitRoot, 'container', at, audits, ctx);
      await tx.insert(directoryLinks).values({ kind: 'org_unit', externalId: ROOT_UNIT_ID, dn: '', orgUnitId: rootId });
      loaded.rootUnitId = rootId;
    }
    for (const name of plan.createDepartments) {
      const id = await unitNamed(tx, rootId, name, 'org_unit', at, audits, ctx);
      await tx.insert(directoryLinks).values({ kind: 'org_unit', externalId: departmentLinkId(name), dn: '', orgUnitId: id }).onConflictDoNothing();
      loaded.departmentIds.set(name.toLowerCase(), id);
    }
    if (audits.length > 0) await tx.insert(auditLog).values(audits);
  });
  await ctx.progress(plan.createDepartments.length);
}

async function unitNamed(tx: PortalTx, parentId: string | null, name: string, kind: 'container' | 'org_unit', at: Date, audits: AuditRow[], ctx: ApplyContext): Promise<string> {
  const parent = parentId === null ? isNull(orgUnits.parentId) : eq(orgUnits.parentId, parentId);
  const [existing] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(parent, sql`lower(${orgUnits.name}) = lower(${name})`));
  if (existing !== undefined) return existing.id;
  const id = randomUUID();
  await tx.insert(orgUnits).values({ id, parentId, kind, name, description: 'Verzeichnis-Synchronisation' });
  audits.push(audit(ctx, at, 'org_unit.create', 'org_unit', id, null, { name, kind, parentId, directoryRun: ctx.runId }));
  return id;
}

async function writeGroups(ctx: ApplyContext, plan: DirectoryPlan, loaded: LoadedState): Promise<void> {
  for (const batch of chunks(plan.createGroups)) {
    await inBatch(ctx, async (tx) => {
      const at = ctx.now();
      const rows = batch.map((group) => ({ id: randomUUID(), kind: 'group' as const, name: group.name, description: '' }));
      await tx.insert(principals).values(rows);
      await tx.insert(directoryLinks).values(batch.map((group, i) => ({ kind: 'group' as const, externalId: group.externalId, dn: group.dn, principalId: rows[i]!.id })));
      await tx.insert(auditLog).values(batch.map((group, i) => audit(ctx, at, 'directory.group.create', 'principal', rows[i]!.id, null, { name: group.name, dn: group.dn, directoryRun: ctx.runId })));
      batch.forEach((group, i) => loaded.groupIds.set(group.externalId, rows[i]!.id));
    });
    await ctx.progress(batch.length);
  }
  for (const batch of chunks(plan.renameGroups)) {
    await inBatch(ctx, async (tx) => {
      const at = ctx.now();
      for (const group of batch) {
        await tx.update(principals).set({ name: group.name, version: sql`${principals.version} + 1` }).where(eq(principals.id, group.principalId));
        await tx.update(directoryLinks).set({ dn: group.dn }).where(and(eq(directoryLinks.kind, 'group'), eq(directoryLinks.externalId, group.externalId)));
      }
      await tx.insert(auditLog).values(batch.map((g) => audit(ctx, at, 'directory.group.rename', 'principal', g.principalId, { name: g.from }, { name: g.name, dn: g.dn, directoryRun: ctx.runId })));
    });
    await ctx.progress(batch.length);
  }
}

function placementOf(loaded: LoadedState, department: string | null): string | null {
  return department === null ? null : (loaded.departmentIds.get(department.toLowerCase()) ?? null);
}

async function createUsers(ctx: ApplyContext, batch: PlannedUser[], loaded: LoadedState): Promise<void> {
  await inBatch(ctx, async (tx) => {
    const at = ctx.now();
    const inserted = await tx
      .insert(users)
      .values(batch.map((u) => ({ login: u.login, displayName: u.displayName, email: u.email, enabled: u.enabled, passwordHash: null, createdAt: at, updatedAt: at })))
      // A login created by hand since the plan was made stays local: that entry is skipped this time.
      .onConflictDoNothing()
      .returning({ id: users.id, login: users.login });
    const idByLogin = new Map(inserted.map((row) => [row.login.toLowerCase(), row.id]));
    const written = batch.flatMap((u) => {
      const id = idByLogin.get(u.login.toLowerCase());
      return id === undefined ? [] : [{ user: u, id }];
    });
    if (written.length === 0) return;
    await tx.insert(directoryLinks).values(written.map(({ user, id }) => ({ kind: 'user' as const, externalId: user.externalId, dn: user.dn, userId: id })));
    const placements = written.flatMap(({ user, id }) => {
      const unit = placementOf(loaded, user.department);
      return unit === null ? [] : [{ orgUnitId: unit, userId: id }];
    });
    if (placements.length > 0) await tx.insert(orgUnitPlacements).values(placements);
    await tx.insert(auditLog).values(
      written.map(({ user, id }) => {
        const { externalId: _id, ...fields } = user;
        return audit(ctx, at, 'directory.user.create', 'user', id, null, { ...fields, directoryRun: ctx.runId });
      }),
    );
    written.forEach(({ user, id }) => loaded.userIds.set(user.externalId, id));
  });
}

async function updateUsers(ctx: ApplyContext, batch: UserChange[], loaded: LoadedState): Promise<void> {
  await inBatch(ctx, async (tx) => {
    const at = ctx.now();
    const audits: AuditRow[] = [];
    // Accounts that only get enabled or disabled (the common case: people gone or back) in one statement each.
    const onlyEnabled = batch.filter((change) => changedFields(change.before, change.after).join() === 'enabled');
    for (const enabled of [true, false]) {
      const ids = onlyEnabled.filter((change) => change.after.enabled === enabled).map((change) => change.userId);
      if (ids.length > 0) await tx.update(users).set({ enabled, updatedAt: at, version: sql`${users.version} + 1` }).where(inArray(users.id, ids));
    }
    for (const change of batch) {
      const fields = changedFields(change.before, change.after);
      if (onlyEnabled.includes(change)) {
        audits.push(audit(ctx, at, change.after.enabled ? 'directory.user.update' : 'directory.user.disable', 'user', change.userId, change.before, { ...change.after, fields, directoryRun: ctx.runId }));
        continue;
      }
      const { department: _d, ...columns } = change.after;
      if (fields.some((field) => field !== 'department')) {
        await tx
          .update(users)
          .set({ ...columns, updatedAt: at, version: sql`${users.version} + 1` })
          .where(eq(users.id, change.userId));
      }
      if (fields.includes('department')) {
        await tx.delete(orgUnitPlacements).where(eq(orgUnitPlacements.userId, change.userId));
        const unit = placementOf(loaded, change.after.department);
        if (unit !== null) await tx.insert(orgUnitPlacements).values({ orgUnitId: unit, userId: change.userId });
      }
      if (change.dn !== '') await tx.update(directoryLinks).set({ dn: change.dn }).where(eq(directoryLinks.userId, change.userId));
      const action = change.before.enabled && !change.after.enabled ? 'directory.user.disable' : 'directory.user.update';
      audits.push(audit(ctx, at, action, 'user', change.userId, change.before, { ...change.after, fields, directoryRun: ctx.runId }));
    }
    await tx.insert(auditLog).values(audits);
  });
}

async function writeUsers(ctx: ApplyContext, plan: DirectoryPlan, loaded: LoadedState): Promise<void> {
  for (const batch of chunks(plan.createUsers)) {
    await createUsers(ctx, batch, loaded);
    await ctx.progress(batch.length);
  }
  for (const batch of chunks(plan.updateUsers)) {
    await updateUsers(ctx, batch, loaded);
    await ctx.progress(batch.length);
  }
}

function memberRow(loaded: LoadedState, m: Membership) {
  const containerId = loaded.groupIds.get(m.group);
  const id = m.member.startsWith('u:') ? loaded.userIds.get(m.member.slice(2)) : loaded.groupIds.get(m.member.slice(2));
  if (containerId === undefined || id === undefined) return null;
  return m.member.startsWith('u:') ? { containerId, memberUserId: id, memberPrincipalId: null } : { containerId, memberUserId: null, memberPrincipalId: id };
}

/** Memberships change group versions, as any membership change does. */
async function bumpGroups(tx: PortalTx, ids: Set<string>): Promise<void> {
  if (ids.size > 0) await tx.update(principals).set({ version: sql`${principals.version} + 1` }).where(inArray(principals.id, [...ids]));
}

async function writeMemberships(ctx: ApplyContext, plan: DirectoryPlan, loaded: LoadedState): Promise<void> {
  for (const batch of chunks(plan.addMemberships, 2000)) {
    await inBatch(ctx, async (tx) => {
      const rows = batch.map((m) => memberRow(loaded, m)).filter((row) => row !== null);
      if (rows.length > 0) await tx.insert(principalMembers).values(rows).onConflictDoNothing();
      await bumpGroups(tx, new Set(rows.map((row) => row.containerId)));
    });
    await ctx.progress(batch.length);
  }
  for (const batch of chunks(plan.removeMemberships, 2000)) {
    await inBatch(ctx, async (tx) => {
      const rows = batch.map((m) => memberRow(loaded, m)).filter((row) => row !== null);
      const conditions = rows.map((row) =>
        and(
          eq(principalMembers.containerId, row.containerId),
          row.memberUserId === null ? eq(principalMembers.memberPrincipalId, row.memberPrincipalId!) : eq(principalMembers.memberUserId, row.memberUserId),
        ),
      );
      if (conditions.length > 0) await tx.delete(principalMembers).where(or(...conditions));
      await bumpGroups(tx, new Set(rows.map((row) => row.containerId)));
    });
    await ctx.progress(batch.length);
  }
}

export function planSize(plan: DirectoryPlan): number {
  return (
    plan.createDepartments.length +
    plan.createGroups.length +
    plan.renameGroups.length +
    plan.createUsers.length +
    plan.updateUsers.length +
    plan.addMemberships.length +
    plan.removeMemberships.length
  );
}

/** Writes the plan in batches (each one transaction with its audit entries): units, groups, people, memberships. */
export async function applyDirectoryPlan(ctx: ApplyContext, plan: DirectoryPlan, loaded: LoadedState): Promise<void> {
  await ensureUnits(ctx, plan, loaded);
  await writeGroups(ctx, plan, loaded);
  await writeUsers(ctx, plan, loaded);
  await writeMemberships(ctx, plan, loaded);
}
