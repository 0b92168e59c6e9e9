import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { checkImportRows, splitGroups } from '../../common/domain/user-import';
import {
  IMPORT_MAX_REPORTED_ISSUES,
  type ImportIssue,
  type ImportJob,
  type ImportRowInput,
  type ImportValidation,
} from '../../common/portal-api/users';
import { recordAudit, redactSecrets } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb, PortalExecutor } from '../db/client';
import { newTimeOrderedId } from '../db/ids';
import { auditLog, importJobs, principalMembers, principals, users, type ImportJobRow, type PlannedImportRow } from '../db/schema';
import { problem } from '../http/problem';
import { describeError } from '../logs/safe-error';
import { activationCodeExpiry, type ActivationCodeRow } from '../../common/domain/activation-code';
import { ActivationCodeDownloads, newActivationCode } from './activation';
import { bumpPrincipals, lockMembershipGraph } from '../rights/principals';

/**
 * CSV import: the rows are checked completely before anything is written (the same rules as the
 * console's preview, plus logins already taken and unknown groups), then written by a background job
 * in batches, each batch one transaction with its audit entries. Imported accounts get no password
 * (no slow hashing in the hot path) but a one-time activation code each (stored as SHA-256): the job
 * hands the codes out once, as a CSV download; a code signs in once, to set the password.
 */

export const IMPORT_BATCH_SIZE = 500;
const FINISHED_JOBS_KEPT = 20;
/** How many jobs GET /users/import lists (newest first). */
export const IMPORT_JOBS_LISTED = 20;

export interface PlannedImport {
  total: number;
  rows: PlannedImportRow[];
  issues: ImportIssue[];
}

async function existingLogins(db: PortalExecutor, logins: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let start = 0; start < logins.length; start += 5000) {
    const chunk = logins.slice(start, start + 5000);
    const rows = await db
      .select({ login: sql<string>`lower(${users.login})` })
      .from(users)
      .where(inArray(sql`lower(${users.login})`, chunk));
    rows.forEach((row) => taken.add(row.login));
  }
  return taken;
}

async function groupIdsByName(db: PortalExecutor): Promise<Map<string, string>> {
  const rows = await db.select({ id: principals.id, name: principals.name }).from(principals).where(eq(principals.kind, 'group'));
  return new Map(rows.map((row) => [row.name.toLowerCase(), row.id]));
}

/** Everything the import would do, without writing. Every row gets every check, so one preview shows all problems. */
export async function planImport(db: PortalExecutor, input: readonly ImportRowInput[]): Promise<PlannedImport> {
  const checked = checkImportRows(input);
  const loginOf = (row: ImportRowInput) => (row.login ?? '').trim().toLowerCase();
  const taken = await existingLogins(db, [...new Set(input.map(loginOf).filter((login) => login !== ''))]);
  const groups = await groupIdsByName(db);
  const issues = [...checked.issues];
  const refused = new Set(checked.issues.map((issue) => issue.row));
  input.forEach((raw, index) => {
    const row = index + 1;
    const login = (raw.login ?? '').trim();
    if (login !== '' && taken.has(login.toLowerCase())) issues.push({ row, field: 'login', code: 'login_taken', params: { login } });
    const unknown = splitGroups(raw.groups ?? '').filter((name) => !groups.has(name.toLowerCase()));
    if (unknown.length > 0) issues.push({ row, field: 'groups', code: 'unknown_group', params: { groups: unknown.join(', ') } });
  });
  issues.forEach((issue) => refused.add(issue.row));
  const rows = checked.valid
    .filter(({ row }) => !refused.has(row))
    .map(({ row, user }) => ({ row, user, groupIds: user.groups.map((name) => groups.get(name.toLowerCase()) as string) }));
  // Stable: per row the field checks first, then the portal's.
  issues.sort((a, b) => a.row - b.row);
  return { total: input.length, rows, issues };
}

export function toValidation(plan: PlannedImport): ImportValidation {
  return { total: plan.total, valid: plan.rows.length, issues: plan.issues.slice(0, IMPORT_MAX_REPORTED_ISSUES) };
}

interface ImportContext {
  db: PortalDb;
  actor: Actor;
  now: () => Date;
}

/** Adds the new members; the groups that gained one get new versions (their member count changed). */
async function addMemberships(tx: PortalExecutor, memberships: readonly { containerId: string; memberUserId: string }[]): Promise<void> {
  if (memberships.length === 0) return;
  const added = await tx.insert(principalMembers).values([...memberships]).onConflictDoNothing().returning({ groupId: principalMembers.containerId });
  await bumpPrincipals(tx, added.map((membership) => membership.groupId));
}

/** Writes one batch: users, memberships and one audit entry per created user, in one transaction. */
type BatchResult = { created: number; issues: ImportIssue[]; codes: ActivationCodeRow[] };

async function writeBatch(
  ctx: ImportContext,
  jobId: string,
  batch: PlannedImport['rows'],
  recordProgress: (tx: PortalExecutor, result: BatchResult) => Promise<void>,
): Promise<BatchResult> {
  const at = ctx.now();
  const validUntil = activationCodeExpiry(at);
  return ctx.db.transaction(async (tx) => {
    // Groups are bumped as membership changes bump them: under the same lock.
    await lockMembershipGraph(tx);
    // Logins are unique within a plan; each new account gets its own code.
    const codes = new Map(batch.map(({ user }) => [user.login.toLowerCase(), newActivationCode()]));
    const inserted = await tx
      .insert(users)
      .values(
        batch.map(({ user }) => ({
          login: user.login,
          displayName: user.displayName,
          email: user.email,
          language: user.language,
          enabled: user.enabled,
          passwordHash: null,
          activationCodeHash: codes.get(user.login.toLowerCase())?.hash ?? null,
          activationCodeExpiresAt: validUntil,
          mustChangePassword: true,
          createdAt: at,
          updatedAt: at,
        })),
      )
      // A login created since the plan was made is skipped, not a failed batch.
      .onConflictDoNothing()
      .returning({ id: users.id, login: users.login });
    const idByLogin = new Map(inserted.map((row) => [row.login.toLowerCase(), row.id]));
    const issues: ImportIssue[] = [];
    const issued: ActivationCodeRow[] = [];
    const memberships: { containerId: string; memberUserId: string }[] = [];
    const audits: (typeof auditLog.$inferInsert)[] = [];
    for (const { row, user, groupIds } of batch) {
      const id = idByLogin.get(user.login.toLowerCase());
      if (id === undefined) {
        issues.push({ row, field: 'login', code: 'login_taken', params: { login: user.login } });
        continue;
      }
      const activationCode = codes.get(user.login.toLowerCase())?.code ?? '';
      issued.push({ login: user.login, displayName: user.displayName, email: user.email, activationCode, validUntil: validUntil.toISOString() });
      groupIds.forEach((containerId) => memberships.push({ containerId, memberUserId: id }));
      audits.push({
        id: newTimeOrderedId(at.getTime()),
        at,
        actorId: ctx.actor.id,
        actorLogin: ctx.actor.login,
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        before: null,
        after: redactSecrets({ ...user, isAdmin: false, mustChangePassword: true, importJob: jobId, row }),
      });
    }
    await addMemberships(tx, memberships);
    if (audits.length > 0) await tx.insert(auditLog).values(audits);
    const result = { created: inserted.length, issues, codes: issued };
    await recordProgress(tx, result);
    return result;
  });
}

function applyBatch(job: ImportJob, rows: number, result: BatchResult): void {
  job.created += result.created;
  job.skipped += result.issues.length;
  job.processed += rows;
  addIssues(job, result.issues);
}

/** The job's row (with the rows it has to write) and its "started" audit entry, before the first batch is written. */
async function recordStart(ctx: ImportContext, job: ImportJob, planned: PlannedImportRow[]): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.insert(importJobs).values({
      id: job.id,
      state: 'running',
      actorId: ctx.actor.id,
      actorLogin: ctx.actor.login,
      total: job.total,
      processed: job.processed,
      skipped: job.skipped,
      issues: job.issues,
      startedAt: new Date(job.startedAt),
      planned,
      plannedDone: 0,
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'user.import_started',
      targetType: 'import',
      targetId: job.id,
      after: { total: job.total, invalidRows: job.skipped },
      at: ctx.now(),
    });
  });
}

/**
 * `plannedDone`: planned rows written (inside a batch's transaction, so a resume starts exactly after the
 * last committed batch). A job that ended (done, failed) drops its planned rows.
 */
async function saveProgress(db: PortalExecutor, job: ImportJob, plannedDone?: number): Promise<void> {
  const ended = job.state === 'done' || job.state === 'failed';
  await db
    .update(importJobs)
    .set({
      ...(plannedDone === undefined ? {} : { plannedDone }),
      ...(ended ? { planned: null } : {}),
      state: job.state,
      processed: job.processed,
      created: job.created,
      skipped: job.skipped,
      issues: job.issues,
      error: job.error,
      finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt),
    })
    .where(eq(importJobs.id, job.id));
}

function jobOfRow(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    state: row.state,
    total: row.total,
    processed: row.processed,
    created: row.created,
    skipped: row.skipped,
    issues: row.issues,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    activationCodes: 0,
  };
}

/** The most recent jobs (newest first), as their rows say. */
export async function listImportJobs(db: PortalExecutor): Promise<ImportJob[]> {
  const rows = await db.select().from(importJobs).orderBy(desc(importJobs.startedAt), desc(importJobs.id)).limit(IMPORT_JOBS_LISTED);
  return rows.map(jobOfRow);
}

/** A job this process does not hold (an earlier run of the portal): read from its row. */
export async function readImportJob(db: PortalExecutor, id: string): Promise<ImportJob | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return row === undefined ? undefined : jobOfRow(row);
}

/**
 * At start: jobs still `running` were cut off when the portal stopped (crash, kill). They become
 * `interrupted`, saying how far they got, with an audit entry each. Their activation codes were only in
 * memory: the accounts they created (audit `user.create` with this importJob) need new codes (bulk action).
 */
export async function markInterruptedImports(db: PortalDb, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const cut = await tx.select().from(importJobs).where(eq(importJobs.state, 'running')).for('update');
    for (const row of cut) {
      const error = `The portal stopped while this import ran: ${row.processed} of ${row.total} rows were handled, ${row.created} accounts created; their activation codes were not handed out, so issue new ones for them.`;
      await tx.update(importJobs).set({ state: 'interrupted', finishedAt: now, error }).where(eq(importJobs.id, row.id));
      await recordAudit(tx, {
        actor: null,
        actorLogin: row.actorLogin,
        action: 'user.import_interrupted',
        targetType: 'import',
        targetId: row.id,
        after: { total: row.total, processed: row.processed, created: row.created },
        at: now,
      });
    }
    return cut.length;
  });
}

/**
 * New activation codes for exactly the accounts an import created (its `user.create` audit entries) that
 * still have no password: for an interrupted job, or when its codes were lost. Handed out once, as rows
 * for the CSV; the old codes stop working. Audited per account and once for the job.
 */
export async function reissueActivationCodes(ctx: ImportContext, jobId: string): Promise<ActivationCodeRow[]> {
  const job = await readImportJob(ctx.db, jobId);
  if (job === undefined) throw problem(404, 'Not Found', { code: 'import_job_not_found', detail: 'There is no such import job.' });
  if (job.state === 'running') {
    throw problem(409, 'Conflict', { code: 'import_running', detail: 'The import is still running; its activation codes follow when it has finished.' });
  }
  const at = ctx.now();
  const validUntil = activationCodeExpiry(at);
  return ctx.db.transaction(async (tx) => {
    const createdByJob = tx
      .select({ id: sql`${auditLog.targetId}::uuid` })
      .from(auditLog)
      .where(sql`${auditLog.action} = 'user.create' and ${auditLog.after}->>'importJob' = ${jobId}`);
    const waiting = await tx
      .select({ id: users.id, login: users.login, displayName: users.displayName, email: users.email })
      .from(users)
      .where(sql`${users.id} in (${createdByJob}) and ${users.passwordHash} is null`)
      .orderBy(users.login)
      .for('update');
    const rows: ActivationCodeRow[] = [];
    for (const user of waiting) {
      const activation = newActivationCode();
      await tx.update(users).set({ activationCodeHash: activation.hash, activationCodeExpiresAt: validUntil }).where(eq(users.id, user.id));
      await recordAudit(tx, {
        actor: ctx.actor,
        action: 'user.activation_code_issue',
        targetType: 'user',
        targetId: user.id,
        after: { activationCodeIssued: true, validUntil: validUntil.toISOString(), importJob: jobId },
        at,
      });
      rows.push({ login: user.login, displayName: user.displayName, email: user.email, activationCode: activation.code, validUntil: validUntil.toISOString() });
    }
    await recordAudit(tx, { actor: ctx.actor, action: 'user.import_codes_reissued', targetType: 'import', targetId: jobId, after: { count: rows.length }, at });
    return rows;
  });
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function addIssues(job: ImportJob, issues: ImportIssue[]): void {
  const room = IMPORT_MAX_REPORTED_ISSUES - job.issues.length;
  if (room > 0) job.issues.push(...issues.slice(0, room));
}

/** The import jobs of one portal process (in memory: a restart forgets finished jobs, never half-written rows). */
export type ImportLog = (message: string, context: Record<string, unknown>) => void;

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly codes = new ActivationCodeDownloads();
  /** Awaited before each batch is written: tests hold a job open (running) with it instead of racing it. */
  beforeBatch: (() => Promise<void>) | undefined = undefined;

  /** `log` gets the failures (the server log's error level). */
  constructor(private readonly log: ImportLog = () => undefined) {}

  get(id: string): ImportJob | undefined {
    const job = this.jobs.get(id);
    return job === undefined ? undefined : structuredClone(job);
  }

  /** Starts writing the planned rows in the background; returns the job at once. */
  start(ctx: ImportContext, plan: PlannedImport): ImportJob {
    this.refuseWhileRunning();
    const job: ImportJob = {
      id: randomUUID(),
      state: 'running',
      total: plan.total,
      processed: 0,
      created: 0,
      skipped: 0,
      issues: [],
      startedAt: ctx.now().toISOString(),
      finishedAt: null,
      error: null,
      activationCodes: 0,
    };
    const invalidRows = new Set(plan.issues.map((issue) => issue.row)).size;
    job.skipped = invalidRows;
    job.processed = invalidRows;
    addIssues(job, plan.issues);
    this.jobs.set(job.id, job);
    this.prune();
    void this.run(ctx, job, plan.rows);
    return structuredClone(job);
  }

  private refuseWhileRunning(): void {
    if ([...this.jobs.values()].some((job) => job.state === 'running')) {
      throw problem(409, 'Conflict', { code: 'import_running', detail: 'Another import is still running; wait for it to finish.' });
    }
  }

  /**
   * Continues an interrupted job after its last committed batch, with the same id: its row goes back to
   * `running` (audited); logins taken meanwhile are skipped as in any batch.
   */
  async resume(ctx: ImportContext, id: string): Promise<ImportJob> {
    this.refuseWhileRunning();
    const resumed = await ctx.db.transaction(async (tx) => {
      const [row] = await tx.select().from(importJobs).where(eq(importJobs.id, id)).for('update');
      if (row === undefined) throw problem(404, 'Not Found', { code: 'import_job_not_found', detail: 'There is no such import job.' });
      if (row.state !== 'interrupted') throw problem(409, 'Conflict', { code: 'import_not_interrupted', detail: 'Only an interrupted import can be resumed.' });
      if (row.planned === null) {
        // Interrupted before the portal kept the rows still to write (migration 0015): only new codes help here.
        throw problem(409, 'Conflict', {
          code: 'import_not_interrupted',
          detail: 'This import ran before the portal kept the rows still to write, so it cannot be resumed: import the rest again.',
        });
      }
      await tx
        .update(importJobs)
        .set({ state: 'running', finishedAt: null, error: null })
        .where(and(eq(importJobs.id, id), eq(importJobs.state, 'interrupted')));
      await recordAudit(tx, {
        actor: ctx.actor,
        action: 'user.import_resumed',
        targetType: 'import',
        targetId: id,
        after: { total: row.total, processed: row.processed, created: row.created },
        at: ctx.now(),
      });
      return row;
    });
    const job: ImportJob = { ...jobOfRow(resumed), state: 'running', finishedAt: null, error: null };
    this.jobs.set(job.id, job);
    this.prune();
    void this.run(ctx, job, resumed.planned ?? [], resumed.plannedDone);
    return structuredClone(job);
  }

  /** The activation codes of a finished job, handed out once. */
  takeActivationCodes(id: string): ActivationCodeRow[] {
    const job = this.jobs.get(id);
    if (job === undefined) throw problem(404, 'Not Found', { code: 'import_job_not_found', detail: 'There is no such import job (any more).' });
    if (job.state === 'running') {
      throw problem(409, 'Conflict', { code: 'import_running', detail: 'The import is still running; its activation codes follow when it has finished.' });
    }
    const rows = this.codes.take(id);
    if (rows === undefined) {
      throw problem(409, 'Conflict', {
        code: 'activation_codes_gone',
        detail: 'The activation codes of this import were downloaded already, or it issued none: issue new ones for the users who need them.',
      });
    }
    job.activationCodes = 0;
    return rows;
  }

  /** The codes held for download are void once new ones were issued for the job's accounts. */
  forgetActivationCodes(id: string): void {
    this.codes.forget(id);
    const job = this.jobs.get(id);
    if (job !== undefined) job.activationCodes = 0;
  }

  /** Resolves when no job is running (tests, shutdown). */
  async idle(): Promise<void> {
    while ([...this.jobs.values()].some((job) => job.state === 'running')) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Writes `planned`: a new job records its start first; a resumed one continues at `resumeAt`. */
  private async run(ctx: ImportContext, job: ImportJob, planned: PlannedImportRow[], resumeAt?: number): Promise<void> {
    try {
      if (resumeAt === undefined) await recordStart(ctx, job, planned);
      for (let start = resumeAt ?? 0; start < planned.length; start += IMPORT_BATCH_SIZE) {
        // PGlite works on this thread: give waiting requests (the 202, progress polls) their turn first.
        await yieldToEventLoop();
        await this.beforeBatch?.();
        const batch = planned.slice(start, start + IMPORT_BATCH_SIZE);
        const result = await writeBatch(ctx, job.id, batch, (tx, written) => {
          const next = { ...job, issues: [...job.issues] };
          applyBatch(next, batch.length, written);
          return saveProgress(tx, next, start + batch.length);
        });
        applyBatch(job, batch.length, result);
        this.codes.add(job.id, result.codes);
        job.activationCodes += result.codes.length;
      }
      job.state = 'done';
    } catch (error) {
      job.state = 'failed';
      // Never the raw message: a failed query's message lists its parameters.
      job.error = describeError(error).message;
      this.log('import failed', { job: job.id, error: describeError(error) });
    }
    job.finishedAt = ctx.now().toISOString();
    job.issues.sort((a, b) => a.row - b.row);
    await saveProgress(ctx.db, job).catch((error: unknown) => this.log('import job row not updated', { job: job.id, error: describeError(error) }));
    await this.recordEnd(ctx, job);
  }

  /** The closing audit entry; when it cannot be written, the server log and the job itself say so. */
  private async recordEnd(ctx: ImportContext, job: ImportJob): Promise<void> {
    await recordAudit(ctx.db, {
      actor: ctx.actor,
      action: 'user.import',
      targetType: 'import',
      targetId: job.id,
      after: { state: job.state, total: job.total, created: job.created, skipped: job.skipped, error: job.error },
      at: ctx.now(),
    }).catch((error: unknown) => {
      this.log('import audit entry not written', { job: job.id, error: describeError(error) });
      job.error = [job.error, 'The audit log entry of this import could not be written; see the server log.'].filter(Boolean).join(' ');
    });
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) {
      this.jobs.delete(job.id);
      this.codes.forget(job.id);
    }
  }
}
