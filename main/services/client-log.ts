import { appendFile, mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { redactSecrets } from '../../common/domain/redaction';
import { ConsoleError } from '../../common/errors';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  at: string;
  level: LogLevel;
  message: string;
  context?: Record<string, unknown>;
}

const MAX_BYTES = 5 * 1024 * 1024;
/** Entries a support ticket gets at most; the newest are kept. */
export const DEFAULT_READ_LIMIT = 10_000;

/** What `read` found in a time range. */
export interface LogSlice {
  /** The newest `limit` entries of the range, oldest first. */
  entries: LogEntry[];
  /** Entries in the range before the cut to `limit`. */
  matched: number;
  /** Lines that are no entry (e.g. half written when the console crashed); skipped. */
  unreadable: number;
}

const levels: ReadonlySet<string> = new Set<LogLevel>(['debug', 'info', 'warn', 'error']);

function isEntry(value: unknown): value is LogEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { at, level, message, context } = value as Record<string, unknown>;
  return (
    typeof at === 'string' &&
    !Number.isNaN(Date.parse(at)) &&
    typeof level === 'string' &&
    levels.has(level) &&
    typeof message === 'string' &&
    (context === undefined || (typeof context === 'object' && context !== null))
  );
}

/** One line of the log file, or null when it is not a complete entry. */
export function parseLogLine(line: string): LogEntry | null {
  try {
    const value: unknown = JSON.parse(line);
    return isEntry(value) ? value : null;
  } catch {
    return null;
  }
}

/** Lines for the top of an attached log that say what it leaves out, so support does not take it for complete. */
export function sliceNotes(slice: LogSlice): string[] {
  const notes: string[] = [];
  if (slice.matched > slice.entries.length) {
    notes.push(`# Only the last ${slice.entries.length} of ${slice.matched} entries in this time range are attached; the ${slice.matched - slice.entries.length} earlier ones were left out.`);
  }
  if (slice.unreadable > 0) {
    notes.push(`# ${slice.unreadable} unreadable line${slice.unreadable === 1 ? '' : 's'} skipped (for example written only in part when the console crashed).`);
  }
  return notes;
}

/** The console's own log: JSON lines, secrets redacted before they touch disk, rotated at 5 MiB. */
export class ClientLog {
  private queue: Promise<void> = Promise.resolve();
  private tailChecked = false;
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = join(dir, 'console.log');
  }

  debug(message: string, context?: Record<string, unknown>) { this.write('debug', message, context); }
  info(message: string, context?: Record<string, unknown>) { this.write('info', message, context); }
  warn(message: string, context?: Record<string, unknown>) { this.write('warn', message, context); }
  error(message: string, context?: Record<string, unknown>) { this.write('error', message, context); }

  write(level: LogLevel, message: string, context?: Record<string, unknown>): void {
    const entry: LogEntry = { at: new Date().toISOString(), level, message, ...(context && { context }) };
    const line = redactSecrets(JSON.stringify(entry)).text;
    this.queue = this.queue.then(() => this.append(`${line}\n`)).catch(() => undefined);
  }

  flush(): Promise<void> {
    return this.queue;
  }

  /** Entries between two instants (for support tickets), newest last; unreadable lines are skipped and counted. */
  async read(options: { from?: Date; to?: Date; limit?: number } = {}): Promise<LogSlice> {
    await this.flush();
    const texts = await Promise.all([this.readText(`${this.path}.1`), this.readText(this.path)]);
    // Each file on its own: a line cut off at the end of the rotated file must not swallow the next file's first line.
    const lines = texts.flatMap((text) => text.split('\n')).filter((line) => line.trim() !== '');
    const parsed = lines.map(parseLogLine);
    const inRange = parsed.filter(
      (entry): entry is LogEntry =>
        entry !== null && (!options.from || new Date(entry.at) >= options.from) && (!options.to || new Date(entry.at) <= options.to),
    );
    const limit = options.limit ?? DEFAULT_READ_LIMIT;
    return {
      entries: inRange.slice(Math.max(0, inRange.length - limit)),
      matched: inRange.length,
      unreadable: parsed.filter((entry) => entry === null).length,
    };
  }

  /** A missing file is an empty log; any other read error is the caller's to see. */
  private async readText(path: string): Promise<string> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code;
      if (errno === 'ENOENT') return '';
      throw new ConsoleError('INTERNAL', `The console log ${path} could not be read (${errno ?? String(error)}).`, {
        reason: 'log_unreadable',
        file: path,
        errno: errno ?? null,
      });
    }
  }

  private async append(line: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const size = await stat(this.path).then((s) => s.size).catch(() => 0);
    if (size > MAX_BYTES) await rename(this.path, `${this.path}.1`);
    const afterCrash = !this.tailChecked && size > 0 && size <= MAX_BYTES && !(await this.endsWithNewline());
    this.tailChecked = true;
    // A line cut off by a crash gets its line break, so it does not swallow the first entry of this run.
    await appendFile(this.path, afterCrash ? `\n${line}` : line, { mode: 0o600 });
  }

  private async endsWithNewline(): Promise<boolean> {
    const file = await open(this.path, 'r');
    try {
      const { size } = await file.stat();
      const last = Buffer.alloc(1);
      await file.read(last, 0, 1, size - 1);
      return last[0] === 0x0a;
    } finally {
      await file.close();
    }
  }
}
