import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { BACKUP_INTERVAL_HOURS, isBackupDue } from '../../common/domain/instance-health';
import type { Page } from '../../common/portal-api/common';
import type { Backup, BackupPolicy, BackupStorage, BackupTrigger, RestoreResult } from '../../common/portal-api/instance';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb } from '../db/client';
import { newTimeOrderedId } from '../db/ids';
import { backups, type BackupRow } from '../db/schema';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../http/cursor';
import { describeError } from '../logs/safe-error';
import { problem } from '../http/problem';
import { readPortalSettings } from '../settings';
import { applyArchive, verifyArchive, writeArchive } from './backup-archive';
import { databaseTargetOf } from './database';
import type { RestoreGate } from './restore-gate';

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
  /** Awaited once a restore holds the portal (other writes get 503) and before it reads the archive. */
  beforeRestore?: () => Promise<void>;
}

/** What writing an archive measured. */
interface Written {
  bytes: number;
  sha256: string;
}

/** Where archives go: files under `<data dir>/backups/`, or a small map in memory. */
interface ArchiveStore {
  storage: BackupStorage;
  folder: string | null;
  keep: number;
  /** `fill` writes the archive into the stream it is given; size and SHA-256 are measured on the way. */
  write(name: string, fill: (out: Writable) => Promise<void>): Promise<Written>;
  /** The archive as a stream; null when it is not (or no longer) there. */
  open(name: string): Promise<Readable | null>;
  remove(name: string): Promise<void>;
}

/** A pass-through that counts and hashes what flows into `sink`. */
function measured(sink: Writable): { stream: Writable; result: () => Written } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.byteLength;
  });
  stream.pipe(sink);
  return { stream, result: () => ({ bytes, sha256: hash.digest('hex') }) };
}

async function finished(stream: Writable): Promise<void> {
  if (stream.writableFinished) return;
  await new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
}

function folderStore(folder: string): ArchiveStore {
  return {
    storage: 'folder',
    folder,
    keep: FOLDER_KEEP,
    async write(name, fill) {
      await mkdir(folder, { recursive: true });
      // Written under a temporary name first so a crash never leaves a truncated archive under the real one.
      const partial = join(folder, `${name}.part`);
      const file = createWriteStream(partial);
      const { stream, result } = measured(file);
      try {
        await fill(stream);
        await finished(file);
      } catch (error) {
        file.destroy();
        await rm(partial, { force: true });
        throw error;
      }
      await rename(partial, join(folder, name));
      return result();
    },
    async open(name) {
      const path = join(folder, name);
      const present = await stat(path).then(
        () => true,
        () => false,
      );
      return present ? createReadStream(path) : null;
    },
    remove: (name) => rm(join(folder, name), { force: true }),
  };
}

function memoryStore(): ArchiveStore & { archives: Map<string, Buffer> } {
  const archives = new Map<string, Buffer>();
  return {
    storage: 'memory',
    folder: null,
    keep: MEMORY_KEEP,
    archives,
    async write(name, fill) {
      const chunks: Buffer[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
      const { stream, result } = measured(sink);
      await fill(stream);
      await finished(sink);
      archives.set(name, Buffer.concat(chunks));
      return result();
    },
    open: async (name) => {
      const bytes = archives.get(name);
      return bytes === undefined ? null : Readable.from([bytes]);
    },
    remove: async (name) => {
      archives.delete(name);
    },
  };
}

/** `backup-20260304T020005Z-0195f3a1.jsonl.gz`: sortable by time, unique by the id's first characters. */
export function archiveName(startedAt: Date, id: string): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `backup-${stamp}-${id.slice(0, 8)}.jsonl.gz`;
}

/** Where a restore reads its archive: a backup of this portal, or an uploaded file (already on disk). */
export type RestoreSource = { kind: 'backup'; id: string } | { kind: 'upload'; file: string };

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
 * Real backups of the portal's data (see backup-archive.ts: the same streamed archive on PGlite and PostgreSQL),
 * written under `<data dir>/backups/` (or kept in memory for an in-memory portal and on PostgreSQL), with size,
 * duration and SHA-256 in the `backups` table; downloads and restores of them. On PostgreSQL the hosting
 * provider makes the nightly backups; the portal makes archives only on demand there.
 */
export class BackupService {
  private running: Promise<void> | null = null;

  private constructor(
    private readonly db: PortalDb,
    private readonly now: () => Date,
    private readonly log: BackupLog,
    private readonly engine: 'pglite' | 'postgresql',
    private readonly store: ArchiveStore,
    private readonly hooks: BackupHooks,
  ) {}

  static for(db: PortalDb, now: () => Date, log: BackupLog = () => undefined, hooks: BackupHooks = {}): BackupService {
    const target = databaseTargetOf(db);
    if (target.engine === 'postgresql') return new BackupService(db, now, log, 'postgresql', memoryStore(), hooks);
    const store = target.portalDataDir === null ? memoryStore() : folderStore(join(target.portalDataDir, 'backups'));
    return new BackupService(db, now, log, 'pglite', store, hooks);
  }

  get policy(): BackupPolicy {
    return {
      managedBy: this.engine === 'postgresql' ? 'provider' : 'portal',
      intervalHours: BACKUP_INTERVAL_HOURS,
      keep: this.store.keep,
      storage: this.store.storage,
      folder: this.store.folder,
    };
  }

  /** A scheduled backup only runs where the portal keeps its PGlite data in a folder, i.e. on a real instance. */
  get schedulable(): boolean {
    return this.engine === 'pglite' && this.store.storage === 'folder';
  }

  /** The archives kept in memory (tests read them back and damage copies of them). */
  memoryArchive(name: string): Buffer | undefined {
    return (this.store as ArchiveStore & { archives?: Map<string, Buffer> }).archives?.get(name);
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
   * and makes it in the background. 409 while another runs.
   */
  async start(trigger: BackupTrigger, actor: Actor | null): Promise<Backup> {
    if (this.running !== null) throw backupRunning();
    const row = await this.insertRunning(trigger, actor);
    this.running = this.make(row).finally(() => {
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

  private async make(row: BackupRow): Promise<void> {
    const name = archiveName(row.startedAt, row.id);
    try {
      await this.hooks.beforeArchive?.();
      const { bytes, sha256 } = await this.store.write(name, (out) => writeArchive(this.db, this.engine, row.startedAt, out));
      const finishedAt = this.now();
      await this.db
        .update(backups)
        .set({ status: 'succeeded', finishedAt, sizeBytes: bytes, file: name, storage: this.store.storage, sha256 })
        .where(eq(backups.id, row.id));
      this.log('info', 'backup succeeded', { id: row.id, file: name, bytes, ms: finishedAt.getTime() - row.startedAt.getTime() });
      await this.applyRetention(this.store);
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

  /** A kept archive of a succeeded backup, for download; 404 when there is none (any more). */
  async archive(id: string): Promise<{ backup: Backup; stream: Readable }> {
    const backup = await this.get(id);
    const stream = backup.file === null || backup.removedAt !== null ? null : await this.store.open(backup.file);
    if (stream === null) {
      throw problem(404, 'Not Found', { code: 'archive_not_found', detail: 'This backup has no archive here (none was written, or retention removed it).' });
    }
    return { backup, stream };
  }

  /**
   * Replaces the portal's data with an archive's. The portal's name must be typed as `confirm`; the archive is
   * read whole and checked (format, checksum, row counts, schema) before anything changes; the data is then
   * replaced in one transaction, so a failure leaves it as it was. Every session ends (the restorer's too).
   * Other writes get 503 meanwhile (`gate`). The audit entry is written after the restore, so it survives it.
   */
  async restore(source: RestoreSource, confirm: string, actor: Actor, gate: RestoreGate): Promise<RestoreResult> {
    const settings = await readPortalSettings(this.db);
    if (confirm.trim() !== settings.name) {
      throw problem(422, 'Unprocessable Content', {
        code: 'restore_not_confirmed',
        detail: 'Type the portal\'s name exactly to confirm the restore. Nothing was changed.',
      });
    }
    if (this.running !== null || (await this.isRunning())) throw backupRunning();
    const open = await this.restoreSource(source);
    const started = Date.now();
    return gate.hold(async () => {
      await this.hooks.beforeRestore?.();
      const summary = await verifyArchive(this.db, open);
      await this.db.transaction(async (tx) => {
        await applyArchive(tx, open);
      });
      const result: RestoreResult = {
        restoredAt: this.now().toISOString(),
        source: source.kind,
        backupId: source.kind === 'backup' ? source.id : null,
        archiveCreatedAt: summary.header.createdAt,
        tables: summary.header.tables.length,
        rows: Object.values(summary.rows).reduce((sum, n) => sum + n, 0),
        durationMs: Date.now() - started,
        sessionsEnded: true,
      };
      await recordAudit(this.db, {
        actor,
        action: 'backup.restore',
        targetType: 'backup',
        targetId: result.backupId,
        // The file names the restored backup in the audit trail's sentence (the entry's name survives its archive).
        after: { ...result, file: source.kind === 'backup' ? ((await this.get(source.id)).file ?? null) : null },
        at: this.now(),
      });
      this.log('warn', 'backup restored', { source: source.kind, backup: result.backupId, rows: result.rows, ms: result.durationMs });
      return result;
    });
  }

  /** Opens the archive anew for each pass (check, then restore). */
  private async restoreSource(source: RestoreSource): Promise<() => Readable> {
    if (source.kind === 'upload') return () => createReadStream(source.file);
    const { backup } = await this.archive(source.id);
    const bytes = this.memoryArchive(backup.file!);
    if (bytes !== undefined) return () => Readable.from([bytes]);
    const folder = this.store.folder;
    if (folder === null) throw problem(404, 'Not Found', { code: 'archive_not_found', detail: 'This backup has no archive here.' });
    const path = join(folder, backup.file!);
    if (backup.sha256 !== null && (await sha256OfFile(path)) !== backup.sha256) {
      throw problem(422, 'Unprocessable Content', {
        code: 'archive_damaged',
        detail: 'The archive file no longer matches the checksum recorded when it was made. Nothing was changed.',
      });
    }
    return () => createReadStream(path);
  }

  /** Waits for a backup in progress (before the database closes). */
  async settle(): Promise<void> {
    await this.running;
  }

  /** At start: a backup still marked running was cut off when the portal stopped. */
  async markInterrupted(): Promise<void> {
    await this.db
      .update(backups)
      .set({ status: 'failed', finishedAt: this.now(), error: 'Interrupted: the portal stopped while the backup was running.' })
      .where(eq(backups.status, 'running'));
  }

  /** One scheduler tick: starts a backup when the 24-hour rule says one is due. */
  async runIfDue(): Promise<Backup | null> {
    if (this.engine === 'postgresql' || this.running !== null) return null;
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

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
