import { appendFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactObject, redactSecrets } from '../../common/domain/redaction';
import { ServerLogEntry, type ServerLogLevel } from '../../common/portal-api/support';

export const levelRank: Record<ServerLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LogStoreOptions {
  /** Entries kept in memory and served by GET /logs (default 20,000). */
  capacity?: number;
  /** JSON-lines file the entries are appended to; survives restarts. Without it the log is memory only. */
  file?: string;
  /** The file is rotated to `<file>.1` beyond this size (default 10 MiB). */
  maxFileBytes?: number;
  now?: () => Date;
}

export interface LogQuery {
  from: Date;
  to: Date;
  minLevel: ServerLogLevel;
  /** Only entries with a larger sequence number (the cursor of the previous page). */
  afterSeq?: number;
  limit: number;
  /** Case-insensitive text the message or the context JSON must contain. */
  contains?: string;
}

export interface LogStats {
  entries: number;
  oldestAt: string | null;
  persistent: boolean;
  errorsLastHour: number;
  warningsLastHour: number;
}

const DEFAULT_CAPACITY = 20_000;
const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
const HOUR_MS = 3_600_000;

/**
 * The portal's server log: request lines, sign-ins and errors, secrets redacted before they are kept.
 * A ring buffer answers queries; the JSON-lines file keeps the log across restarts (loaded at open).
 */
export class PortalLogStore {
  private readonly entries: ServerLogEntry[] = [];
  private readonly capacity: number;
  private readonly maxFileBytes: number;
  private readonly now: () => Date;
  private nextSeq = 1;
  private pendingLines: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: LogStoreOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.now = options.now ?? (() => new Date());
  }

  /** A store that first loads the newest entries of its file (and the rotated one). */
  static async open(options: LogStoreOptions = {}): Promise<PortalLogStore> {
    const store = new PortalLogStore(options);
    if (options.file !== undefined) await store.load(options.file);
    return store;
  }

  get persistent(): boolean {
    return this.options.file !== undefined;
  }

  write(level: ServerLogLevel, message: string, context?: Record<string, unknown>): ServerLogEntry {
    const entry: ServerLogEntry = {
      seq: this.nextSeq++,
      at: this.now().toISOString(),
      level,
      message: redactSecrets(message).text,
      ...(context && { context: redactObject(context) as Record<string, unknown> }),
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    if (this.options.file !== undefined) this.schedule(JSON.stringify(entry));
    this.wakeWaiters();
    return entry;
  }

  /** Sequence number of the newest entry (0 while the log is empty). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /**
   * Resolves as soon as an entry newer than `afterSeq` exists, at the latest after `timeoutMs` or when
   * `signal` aborts; true when there is one. Lets a follower hold one request open instead of polling.
   */
  waitForEntryAfter(afterSeq: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.lastSeq > afterSeq) return Promise.resolve(true);
    if (signal?.aborted === true) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(finish);
        signal?.removeEventListener('abort', finish);
        resolve(this.lastSeq > afterSeq);
      };
      const timer = setTimeout(finish, timeoutMs);
      this.waiters.add(finish);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  private wakeWaiters(): void {
    if (this.waiters.size === 0) return;
    // Woken after this turn, so that a burst of lines answers each follower once.
    setImmediate(() => {
      for (const wake of [...this.waiters]) wake();
    });
  }

  info(message: string, context?: Record<string, unknown>) { return this.write('info', message, context); }
  warn(message: string, context?: Record<string, unknown>) { return this.write('warn', message, context); }
  error(message: string, context?: Record<string, unknown>) { return this.write('error', message, context); }

  /** Oldest first; `next` is the sequence number to continue after, or null on the last page. */
  query(query: LogQuery): { items: ServerLogEntry[]; next: number | null } {
    const fromMs = query.from.getTime();
    const toMs = query.to.getTime();
    const minRank = levelRank[query.minLevel];
    const needle = query.contains?.trim().toLowerCase() ?? '';
    const items: ServerLogEntry[] = [];
    for (const entry of this.entries) {
      if (query.afterSeq !== undefined && entry.seq <= query.afterSeq) continue;
      const atMs = Date.parse(entry.at);
      if (atMs < fromMs || atMs > toMs || levelRank[entry.level] < minRank) continue;
      if (needle !== '' && !containsText(entry, needle)) continue;
      if (items.length === query.limit) return { items, next: items[items.length - 1]!.seq };
      items.push(entry);
    }
    return { items, next: null };
  }

  stats(): LogStats {
    const since = this.now().getTime() - HOUR_MS;
    let errorsLastHour = 0;
    let warningsLastHour = 0;
    for (let index = this.entries.length - 1; index >= 0; index -= 1) {
      const entry = this.entries[index]!;
      if (Date.parse(entry.at) < since) break;
      if (entry.level === 'error') errorsLastHour += 1;
      if (entry.level === 'warn') warningsLastHour += 1;
    }
    return {
      entries: this.entries.length,
      oldestAt: this.entries[0]?.at ?? null,
      persistent: this.persistent,
      errorsLastHour,
      warningsLastHour,
    };
  }

  /** Resolves once everything written so far is on disk. */
  async flush(): Promise<void> {
    if (this.pendingLines.length > 0) this.writing = this.writing.then(() => this.writePending());
    await this.writing;
  }

  private schedule(line: string): void {
    this.pendingLines.push(line);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Batches the lines of one event-loop turn into one append.
    setImmediate(() => {
      this.flushScheduled = false;
      this.writing = this.writing.then(() => this.writePending());
    });
  }

  private async writePending(): Promise<void> {
    const file = this.options.file;
    if (file === undefined || this.pendingLines.length === 0) return;
    const text = `${this.pendingLines.join('\n')}\n`;
    this.pendingLines = [];
    try {
      await mkdir(dirname(file), { recursive: true });
      const size = await stat(file).then((s) => s.size).catch(() => 0);
      if (size > this.maxFileBytes) await rename(file, `${file}.1`);
      await appendFile(file, text, { mode: 0o600 });
    } catch (error) {
      // The log must never take the portal down; the entries stay served from memory.
      process.stderr.write(`portal: server log not written: ${(error as Error).message}\n`);
    }
  }

  private async load(file: string): Promise<void> {
    const texts = await Promise.all([readText(`${file}.1`), readText(file)]);
    const loaded = texts
      .join('\n')
      .split('\n')
      .map(parseEntry)
      .filter((entry): entry is ServerLogEntry => entry !== null);
    this.entries.push(...loaded.slice(-this.capacity));
    this.nextSeq = loaded.reduce((max, entry) => Math.max(max, entry.seq), 0) + 1;
  }
}

function containsText(entry: ServerLogEntry, lowerCaseNeedle: string): boolean {
  if (entry.message.toLowerCase().includes(lowerCaseNeedle)) return true;
  return entry.context !== undefined && JSON.stringify(entry.context).toLowerCase().includes(lowerCaseNeedle);
}

/** A missing file is an empty log; any other read error stops the start rather than losing the log's history. */
async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new Error(`the server log ${path} could not be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A line cut off by a crash (or edited by hand) is skipped rather than failing the start. */
function parseEntry(line: string): ServerLogEntry | null {
  if (line.trim() === '') return null;
  try {
    const parsed = ServerLogEntry.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
