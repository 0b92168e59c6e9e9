import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { BACKUP_INTERVAL_HOURS, isBackupDue } from '../../common/domain/instance-health';
import type { Page } from '../../common/portal-api/common';
import type { Backup, BackupPolicy, BackupStorage, BackupTrigger } from '../../common/portal-api/instance';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb } from '../db/client';
import { newTimeOrderedId } from '../db/ids';
import { backups, type BackupRow } from '../db/schema';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../http/cursor';
import { describeError } from '../logs/safe-error';
import { problem } from '../http/problem';
import { databaseTargetOf } from './database';

/** Archives kept in a data folder: two weeks of nightly backups. */
export const FOLDER_KEEP = 14;
/** An in-memory portal keeps its last archives in memory only (tests, demos). */
export const MEMORY_KEEP = 3;
/** How often the scheduler looks whether a backup is due, and how long after start it looks first. */
const SCHEDULER_TICK_MS = 15 * 60_000;
const SCHEDULER_FIRST_TICK_MS = 5 * 60_000;

export type BackupLog = (level: 'info' | 'warn' | 'error', message: string, context: Record<string, unknown>) => void;

export interface BackupHooks {
  /** Awaited after a backup is recorded as running and before its archive is made: tests hold a backup open with it. */
  beforeArchive?: () => Promise<void>;
}

/** Where archives go: files under `<data dir>/backups/`, or a small map in memory. */
interface ArchiveStore {
  storage: BackupStorage;
  folder: string | null;
  keep: number;
  write(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  remove(name: string): Promise<void>;
}

function folderStore(folder: string): ArchiveStore {
  return {
    storage: 'folder',
    folder,
    keep: FOLDER_KEEP,
    async write(name, bytes) {
      await mkdir(folder, { recursive: true });
      // Written under a temporary name first so a crash never leaves a truncated archive under the real one.
      const partial = join(folder, `${name}.part`);
      await writeFile(partial, bytes);
      await rename(partial, join(folder, name));
    },
    remove: (name) => rm(join(folder, name), { force: true }),
  };
}

function memoryStore(): ArchiveStore & { archives: Map<string, Uint8Array<ArrayBuffer>> } {
  const archives = new Map<string, Uint8Array<ArrayBuffer>>();
  return {
    storage: 'memory',
    folder: null,
    keep: MEMORY_KEEP,
    archives,
    write: async (name, bytes) => {
      archives.set(name, bytes);
    },
    remove: async (name) => {
      archives.delete(name);
    },
  };
}

/** `backup-20260304T020005Z-0195f3a1.tar.gz`: sortable by time, unique by the id's first characters. */
export function archiveName(startedAt: Date, id: string): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `backup-${stamp}-${id.slice(0, 8)}.tar.gz`;
}

export function toBackup(row: BackupRow): Backup {
  return {
    id: row.id,
    trigger: row.trigger,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.finishedAt === null ? null : row.finishedAt.getTime() - row.startedAt.getTime(),
    sizeBytes: row.sizeBytes,
    file: row.file,
    storage: row.storage,
    sha256: row.sha256,
    error: row.error,
    requestedBy: row.requestedBy,
    removedAt: row.removedAt?.toISOString() ?? null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const backupRunning = () =>
  problem(409, 'Conflict', { code: 'backup_running', detail: 'A backup is running already; wait until it has finished.' });

const BackupCursor = z.tuple([CursorTimestamp, z.uuid()]);

/**
 * Real backups of the portal's own PGlite database: a gzipped tar of its data folder
 * (`dumpDataDir`), written under `<data dir>/backups/` (or kept in memory for an in-memory portal),
 * with size, duration and SHA-256 in the `backups` table. A PostgreSQL instance is backed up by the
 * hosting provider; this service then only says so.
 */
export class BackupService {
  private running: Promise<void> | null = null;

  private constructor(
    private readonly db: PortalDb,
    private readonly now: () => Date,
    private readonly log: BackupLog,
    private readonly source: { client: PGlite; store: ArchiveStore } | null,
    private readonly hooks: BackupHooks,
  ) {}

  static for(db: PortalDb, now: () => Date, log: BackupLog = () => undefined, hooks: BackupHooks = {}): BackupService {
    const target = databaseTargetOf(db);
    if (target.engine === 'postgresql') return new BackupService(db, now, log, null, hooks);
    const store = target.portalDataDir === null ? memoryStore() : folderStore(join(target.portalDataDir, 'backups'));
    return new BackupService(db, now, log, { client: target.client, store }, hooks);
  }

  get policy(): BackupPolicy {
    const store = this.source?.store;
    return {
      managedBy: store === undefined ? 'provider' : 'portal',
      intervalHours: BACKUP_INTERVAL_HOURS,
      keep: store?.keep ?? null,
      storage: store?.storage ?? null,
      folder: store?.folder ?? null,
    };
  }

  /** A scheduled backup only runs where the portal keeps its data in a folder, i.e. on a real instance. */
  get schedulable(): boolean {
    return this.source?.store.storage === 'folder';
  }

  /** The archives of an in-memory portal (tests read them back to prove they restore). */
  memoryArchive(name: string): Uint8Array<ArrayBuffer> | undefined {
    const store = this.source?.store as (ArchiveStore & { archives?: Map<string, Uint8Array<ArrayBuffer>> }) | undefined;
    return store?.archives?.get(name);
  }

  async list(query: { cursor?: string | undefined; limit: number }): Promise<Page<Backup> & { policy: BackupPolicy }> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, BackupCursor);
    const rows = await this.db
      .select()
      .from(backups)
      .where(after === undefined ? undefined : sql`(${backups.startedAt}, ${backups.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`)
      .orderBy(desc(backups.startedAt), desc(backups.id))
      .limit(query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.startedAt.toISOString(), last.id]) : null;
    return { items: items.map(toBackup), nextCursor, policy: this.policy };
  }

  async get(id: string): Promise<Backup> {
    const [row] = await this.db.select().from(backups).where(eq(backups.id, id)).limit(1);
    if (row === undefined) throw problem(404, 'Not Found', { code: 'backup_not_found', detail: 'There is no backup with this id.' });
    return toBackup(row);
  }

  async lastSuccessAt(): Promise<Date | null> {
    const [row] = await this.db
      .select({ at: backups.finishedAt })
      .from(backups)
      .where(eq(backups.status, 'succeeded'))
      .orderBy(desc(backups.finishedAt))
      .limit(1);
    return row?.at ?? null;
  }

  async isRunning(): Promise<boolean> {
    const [row] = await this.db.select({ id: backups.id }).from(backups).where(eq(backups.status, 'running')).limit(1);
    return row !== undefined;
  }

  /**
   * Records a running backup (the audit entry in the same transaction when an administrator asked for it)
   * and makes it in the background. 409 while another runs, or on PostgreSQL, where the provider backs up.
   */
  async start(trigger: BackupTrigger, actor: Actor | null): Promise<Backup> {
    const source = this.source;
    if (source === null) {
      throw problem(409, 'Conflict', {
        code: 'backups_by_provider',
        detail: 'This instance runs on PostgreSQL; the hosting provider backs up the database every 24 hours.',
      });
    }
    if (this.running !== null) throw backupRunning();
    const row = await this.insertRunning(trigger, actor);
    this.running = this.make(row, source).finally(() => {
      this.running = null;
    });
    return toBackup(row);
  }

  private async insertRunning(trigger: BackupTrigger, actor: Actor | null): Promise<BackupRow> {
    const startedAt = this.now();
    try {
      return await this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(backups)
          .values({
            id: newTimeOrderedId(startedAt.getTime()),
            trigger,
            status: 'running',
            startedAt,
            requestedById: actor?.id ?? null,
            requestedBy: actor?.login ?? null,
          })
          .returning();
        if (row === undefined) throw new Error('the backup row was not written');
        if (actor !== null) {
          await recordAudit(tx, { actor, action: 'backup.start', targetType: 'backup', targetId: row.id, after: toBackup(row), at: startedAt });
        }
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw backupRunning();
      throw error;
    }
  }

  private async make(row: BackupRow, source: { client: PGlite; store: ArchiveStore }): Promise<void> {
    const name = archiveName(row.startedAt, row.id);
    try {
      await this.hooks.beforeArchive?.();
      const bytes = await dumpDatabase(this.db, source.client);
      await source.store.write(name, bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const finishedAt = this.now();
      await this.db
        .update(backups)
        .set({ status: 'succeeded', finishedAt, sizeBytes: bytes.byteLength, file: name, storage: source.store.storage, sha256 })
        .where(eq(backups.id, row.id));
      this.log('info', 'backup succeeded', { id: row.id, file: name, bytes: bytes.byteLength, ms: finishedAt.getTime() - row.startedAt.getTime() });
      await this.applyRetention(source.store);
    } catch (error) {
      const described = describeError(error);
      await this.db.update(backups).set({ status: 'failed', finishedAt: this.now(), error: described.message }).where(eq(backups.id, row.id));
      this.log('error', 'backup failed', { id: row.id, error: described });
    }
  }

  /** Removes the archives beyond the newest `keep`; their history rows stay, marked as removed. */
  private async applyRetention(store: ArchiveStore): Promise<void> {
    const surplus = await this.db
      .select({ id: backups.id, file: backups.file })
      .from(backups)
      .where(and(eq(backups.status, 'succeeded'), isNotNull(backups.file), isNull(backups.removedAt)))
      .orderBy(desc(backups.startedAt), desc(backups.id))
      .offset(store.keep);
    for (const archive of surplus) {
      if (archive.file !== null) await store.remove(archive.file);
      await this.db.update(backups).set({ removedAt: this.now() }).where(eq(backups.id, archive.id));
    }
  }

  /** Waits for a backup in progress (before the database closes). */
  async settle(): Promise<void> {
    await this.running;
  }

  /** At start: a backup still marked running was cut off when the portal stopped. */
  async markInterrupted(): Promise<void> {
    if (this.source === null) return;
    await this.db
      .update(backups)
      .set({ status: 'failed', finishedAt: this.now(), error: 'Interrupted: the portal stopped while the backup was running.' })
      .where(eq(backups.status, 'running'));
  }

  /** One scheduler tick: starts a backup when the 24-hour rule says one is due. */
  async runIfDue(): Promise<Backup | null> {
    if (this.source === null || this.running !== null) return null;
    const [lastSuccess, lastAttempt] = await Promise.all([this.lastSuccessAt(), this.lastAttemptAt()]);
    if (!isBackupDue(lastSuccess, lastAttempt, this.now())) return null;
    try {
      return await this.start('scheduled', null);
    } catch (error) {
      // Someone started one by hand in the meantime: nothing to do.
      if ((error as { statusCode?: number }).statusCode === 409) return null;
      throw error;
    }
  }

  private async lastAttemptAt(): Promise<Date | null> {
    const [row] = await this.db.select({ at: backups.startedAt }).from(backups).orderBy(desc(backups.startedAt)).limit(1);
    return row?.at ?? null;
  }

  /** Checks every 15 minutes (first after 5) whether a backup is due; returns the stop function. */
  startScheduler(): () => void {
    const tick = () => {
      this.runIfDue().catch((error: unknown) => this.log('error', 'backup scheduler failed', { error: describeError(error) }));
    };
    let interval: NodeJS.Timeout | undefined;
    const first = setTimeout(() => {
      tick();
      interval = setInterval(tick, SCHEDULER_TICK_MS);
      interval.unref();
    }, SCHEDULER_FIRST_TICK_MS);
    first.unref();
    return () => {
      clearTimeout(first);
      clearInterval(interval);
    };
  }
}

/**
 * A checkpoint first, so the archive needs little WAL replay; then the data folder as a gzipped tar,
 * taken while no transaction is open (PGlite runs one statement or transaction at a time).
 */
async function dumpDatabase(db: PortalDb, client: PGlite): Promise<Uint8Array<ArrayBuffer>> {
  await db.execute(sql`checkpoint`);
  const archive = await client._runExclusiveTransaction(() => client.dumpDataDir('gzip'));
  return new Uint8Array(await archive.arrayBuffer());
}
