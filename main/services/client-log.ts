import { appendFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { redactSecrets } from '../../common/domain/redaction';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  at: string;
  level: LogLevel;
  message: string;
  context?: Record<string, unknown>;
}

const MAX_BYTES = 5 * 1024 * 1024;

/** The console's own log: JSON lines, secrets redacted before they touch disk, rotated at 5 MiB. */
export class ClientLog {
  private queue: Promise<void> = Promise.resolve();
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

  /** Entries between two instants (for support tickets), newest last. */
  async read(options: { from?: Date; to?: Date; limit?: number } = {}): Promise<LogEntry[]> {
    await this.flush();
    const texts = await Promise.all([this.readText(`${this.path}.1`), this.readText(this.path)]);
    const entries = texts
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogEntry)
      .filter((e) => (!options.from || new Date(e.at) >= options.from) && (!options.to || new Date(e.at) <= options.to));
    return entries.slice(-(options.limit ?? 10_000));
  }

  private async readText(path: string): Promise<string> {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return '';
    }
  }

  private async append(line: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const size = await stat(this.path).then((s) => s.size).catch(() => 0);
    if (size > MAX_BYTES) await rename(this.path, `${this.path}.1`);
    await appendFile(this.path, line, { mode: 0o600 });
  }
}
