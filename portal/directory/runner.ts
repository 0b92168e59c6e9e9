import { randomBytes, randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { exceedsDisableLimit, planDirectorySync, type DirectoryPlan } from '../../common/domain/directory-plan';
import type { DirectoryRun, DirectoryRunKind, DirectoryTestResult, DirectoryTestStep } from '../../common/portal-api/directory';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalContext } from '../context';
import type { PortalDb } from '../db/client';
import { directoryRuns, type DirectoryRunRow } from '../db/schema';
import { problem } from '../http/problem';
import { applyDirectoryPlan, planSize } from './apply';
import { DirectoryError, checkFilter, openDirectory, searchFailure, type DirectoryConnection } from './ldap-connection';
import { checkBaseDn, readDirectory } from './ldap-read';
import { loadPortalState } from './portal-state';
import { secretBox, type SecretBox } from './secret-box';
import { configOf, markScheduled, readDirectorySettings, type DirectoryConfig } from './settings';

export const DIRECTORY_RUNS_LISTED = 20;
/** How often the scheduler looks whether a scheduled sync is due. */
export const SCHEDULE_CHECK_MS = 60_000;

export interface DirectoryServiceOptions {
  db: PortalDb;
  now: () => Date;
  secrets: SecretBox;
  log: (message: string, context: Record<string, unknown>) => void;
}

export function toDirectoryRun(row: DirectoryRunRow): DirectoryRun {
  return {
    id: row.id,
    kind: row.kind,
    trigger: row.trigger,
    state: row.state,
    phase: row.phase,
    actorLogin: row.actorLogin,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    processed: row.processed,
    total: row.total,
    report: row.report ?? null,
    error: row.error,
  };
}

const SCHEDULER: Actor = { id: '00000000-0000-0000-0000-000000000000', login: 'directory-schedule' };

/** Dry runs, syncs and the schedule; one run at a time per portal. */
export class DirectoryService {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: DirectoryServiceOptions) {}

  get secrets(): SecretBox {
    return this.options.secrets;
  }

  private password(sealed: string | null): string {
    const password = sealed === null ? null : this.options.secrets.open(sealed);
    if (password === null) {
      throw new DirectoryError({
        step: 'bind',
        code: 'password_missing',
        detail: sealed === null ? 'No bind password is stored.' : 'The stored bind password cannot be read with this portal\'s secret key; enter it again.',
      });
    }
    return password;
  }

  private async connect(config: DirectoryConfig, password: string): Promise<DirectoryConnection> {
    return openDirectory({ url: config.url, startTls: config.startTls, pin: config.pin }, config.bindDn, password);
  }

  /** Each step in order until one fails; the failure says which and why. Nothing is written. */
  async test(config: DirectoryConfig, password: string | undefined): Promise<DirectoryTestResult> {
    const passed: DirectoryTestStep[] = [];
    const result = (failure: DirectoryTestResult['failure'], usersFound: number | null = null, groupsFound: number | null = null): DirectoryTestResult => ({
      ok: failure === null,
      passed,
      failure,
      usersFound,
      groupsFound,
    });
    let connection: DirectoryConnection | undefined;
    try {
      checkFilter('user_filter', config.userFilter);
      checkFilter('group_filter', config.groupFilter);
      const stored = await readDirectorySettings(this.options.db);
      connection = await this.connect(config, password ?? this.password(stored.sealedPassword));
      passed.push('dns', 'connect', 'tls', 'bind');
      await checkBaseDn(connection.client, config.baseDn);
      passed.push('base_dn');
      const users = await this.count(connection, config, 'user_filter');
      passed.push('user_filter');
      const groups = await this.count(connection, config, 'group_filter');
      passed.push('group_filter');
      return result(null, users, groups);
    } catch (error) {
      if (error instanceof DirectoryError) return result(error.failure);
      throw error;
    } finally {
      await connection?.close();
    }
  }

  private async count(connection: DirectoryConnection, config: DirectoryConfig, step: 'user_filter' | 'group_filter'): Promise<number> {
    try {
      const result = await connection.client.search(config.baseDn, {
        scope: 'sub',
        filter: step === 'user_filter' ? config.userFilter : config.groupFilter,
        attributes: ['1.1'],
        sizeLimit: config.pageSize,
      });
      return result.searchEntries.length;
    } catch (error) {
      // A size limit reached still proves the filter works.
      if (error instanceof Error && /size ?limit/i.test(error.constructor.name + error.message)) return config.pageSize;
      throw searchFailure(step, error, config.baseDn);
    }
  }

  async list(): Promise<DirectoryRun[]> {
    const rows = await this.options.db.select().from(directoryRuns).orderBy(desc(directoryRuns.startedAt)).limit(DIRECTORY_RUNS_LISTED);
    return rows.map(toDirectoryRun);
  }

  async read(id: string): Promise<DirectoryRun | undefined> {
    const [row] = await this.options.db.select().from(directoryRuns).where(eq(directoryRuns.id, id));
    return row === undefined ? undefined : toDirectoryRun(row);
  }

  /** Starts a dry run or a sync in the background and answers with its row (409 while another runs). */
  async start(kind: DirectoryRunKind, actor: Actor, options: { trigger?: 'manual' | 'schedule'; confirmDisable?: number } = {}): Promise<DirectoryRun> {
    if (this.running !== null) throw problem(409, 'Conflict', { code: 'directory_run_active', detail: 'A directory run is in progress; wait until it ends.' });
    const stored = await readDirectorySettings(this.options.db);
    const config = configOf(stored);
    const id = randomUUID();
    const at = this.options.now();
    await this.options.db.transaction(async (tx) => {
      await tx.insert(directoryRuns).values({ id, kind, trigger: options.trigger ?? 'manual', state: 'running', phase: 'reading', actorId: actor.id === SCHEDULER.id ? null : actor.id, actorLogin: actor.login, startedAt: at });
      await recordAudit(tx, { actor, action: `directory.${kind}.start`, targetType: 'directory_run', targetId: id, after: { kind, trigger: options.trigger ?? 'manual', confirmDisable: options.confirmDisable ?? null }, at });
    });
    this.running = this.execute(id, kind, actor, config, stored.sealedPassword, options.confirmDisable).finally(() => {
      this.running = null;
    });
    return (await this.read(id))!;
  }

  /** Resolves when the run in progress (if any) has ended: tests and a graceful stop wait for it. */
  async idle(): Promise<void> {
    await this.running;
  }

  private async update(id: string, values: Partial<typeof directoryRuns.$inferInsert>): Promise<void> {
    await this.options.db.update(directoryRuns).set(values).where(eq(directoryRuns.id, id));
  }

  private async execute(id: string, kind: DirectoryRunKind, actor: Actor, config: DirectoryConfig, sealed: string | null, confirmDisable: number | undefined): Promise<void> {
    let plan: DirectoryPlan | undefined;
    try {
      const connection = await this.connect(config, this.password(sealed));
      let directory;
      try {
        directory = await readDirectory(connection.client, config);
      } finally {
        await connection.close();
      }
      await this.update(id, { phase: 'planning' });
      const loaded = await loadPortalState(this.options.db);
      plan = planDirectorySync(directory, loaded.state);
      const guardHit = exceedsDisableLimit(plan, config.disableLimitPercent);
      const report = { ...plan.report, guard: guardHit ? { disable: plan.disabling, accounts: plan.enabledLinked, limitPercent: config.disableLimitPercent } : null };
      const total = planSize(plan);
      if (kind === 'dry_run') return await this.finish(id, kind, actor, 'done', report, total, 0);
      if (guardHit && confirmDisable !== plan.disabling) return await this.finish(id, kind, actor, 'needs_confirmation', report, total, 0);
      await this.update(id, { phase: 'writing', total, report });
      let processed = 0;
      await applyDirectoryPlan(
        {
          db: this.options.db,
          actor,
          runId: id,
          now: this.options.now,
          orgUnitRoot: config.orgUnitRoot,
          progress: async (written) => {
            processed += written;
            await this.update(id, { processed });
          },
        },
        plan,
        loaded,
      );
      await this.finish(id, kind, actor, 'done', report, total, processed);
    } catch (error) {
      const message = error instanceof DirectoryError ? error.message : 'The run stopped on an internal error; see the server log.';
      if (!(error instanceof DirectoryError)) this.options.log('directory run failed', { run: id, error: error instanceof Error ? error.message : String(error) });
      await this.finish(id, kind, actor, 'failed', plan?.report ?? null, plan ? planSize(plan) : 0, null, message).catch((inner: unknown) =>
        this.options.log('directory run not closed', { run: id, error: inner instanceof Error ? inner.message : String(inner) }),
      );
    }
  }

  private async finish(
    id: string,
    kind: DirectoryRunKind,
    actor: Actor,
    state: 'done' | 'failed' | 'needs_confirmation',
    report: DirectoryRun['report'],
    total: number,
    processed: number | null,
    error: string | null = null,
  ): Promise<void> {
    const at = this.options.now();
    await this.options.db.transaction(async (tx) => {
      await tx
        .update(directoryRuns)
        .set({ state, phase: 'finished', report, total, ...(processed === null ? {} : { processed }), error, finishedAt: at })
        .where(eq(directoryRuns.id, id));
      await recordAudit(tx, { actor, action: `directory.${kind}.${state}`, targetType: 'directory_run', targetId: id, after: { counts: report?.counts ?? null, guard: report?.guard ?? null, error }, at });
    });
  }

  /** Runs still `running` in the database were cut off by the last stop. */
  async markInterrupted(): Promise<number> {
    const rows = await this.options.db
      .update(directoryRuns)
      .set({ state: 'interrupted', phase: 'finished', finishedAt: this.options.now(), error: 'The portal stopped during this run; run it again (a sync picks up where the portal is).' })
      .where(eq(directoryRuns.state, 'running'))
      .returning({ id: directoryRuns.id });
    return rows.length;
  }

  /** Starts a scheduled sync when one is due; returns whether it did. */
  async runScheduleIfDue(): Promise<boolean> {
    const stored = await readDirectorySettings(this.options.db);
    const minutes = stored.settings.scheduleMinutes;
    if (!stored.settings.configured || minutes === null || this.running !== null) return false;
    const now = this.options.now();
    if (stored.lastScheduledAt !== null && now.getTime() - stored.lastScheduledAt.getTime() < minutes * 60_000) return false;
    await markScheduled(this.options.db, now);
    await this.start('sync', SCHEDULER, { trigger: 'schedule' });
    return true;
  }

  startSchedule(): void {
    this.timer ??= setInterval(() => {
      this.runScheduleIfDue().catch((error: unknown) => this.options.log('scheduled directory sync not started', { error: error instanceof Error ? error.message : String(error) }));
    }, SCHEDULE_CHECK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

const services = new WeakMap<PortalContext, DirectoryService>();

/** The one directory service of a portal (its routes, its start-up sweep and schedule, tests). */
export function directoryServiceFor(ctx: PortalContext, log: DirectoryServiceOptions['log'] = () => undefined): DirectoryService {
  let service = services.get(ctx);
  if (service === undefined) {
    service = new DirectoryService({ db: ctx.db, now: ctx.now, secrets: ctx.secrets ?? secretBox(randomBytes(32)), log });
    services.set(ctx, service);
  }
  return service;
}
