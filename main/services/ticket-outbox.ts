import { randomUUID } from 'node:crypto';
import { readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { OutboxEntry } from '../../common/contract/support';
import { ConsoleError, ConsoleErrorShape, type ErrorCode } from '../../common/errors';
import { IsoDateTime, type Versioned } from '../../common/portal-api/common';
import { base64DecodedBytes, Ticket, TicketCreate } from '../../common/portal-api/support';
import { writeJsonFile } from './json-file';
import type { PortalClient } from './portal-client';

/**
 * The ticket outbox: one JSON file per ticket under `<userData>/outbox/`, written atomically before the
 * first attempt and removed only after the portal confirmed the ticket. Its id is the Idempotency-Key,
 * so a resend after a crash between "portal has it" and "file removed" finds the same ticket.
 */

export const OutboxFile = z.object({
  formatVersion: z.literal(1),
  /** Also the Idempotency-Key of every attempt. */
  id: z.string().min(8),
  profileId: z.string(),
  profileName: z.string(),
  createdAt: IsoDateTime,
  attempts: z.number().int().min(0),
  lastAttemptAt: IsoDateTime.nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
  /** The portal refused the ticket itself (not a passing failure): kept for the user, not retried. */
  rejected: z.boolean(),
  lastError: ConsoleErrorShape.nullable(),
  request: TicketCreate,
});
export type OutboxFile = z.infer<typeof OutboxFile>;

/** The signed-in client for a profile, or null while the console is not signed in to it. */
export type ClientFor = (profileId: string) => PortalClient | null;

export interface OutboxLog {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export interface OutboxOptions {
  now?: () => Date;
  /** Milliseconds before the next attempt after `attempts` failed ones. */
  backoff?: (attempts: number) => number;
  log?: OutboxLog;
  /** Per attempt; a ticket with 25 MiB of attachments needs a while on a slow line. */
  timeoutMs?: number;
}

export interface SendOptions {
  force?: boolean;
  ignoreBackoff?: boolean;
}

export type SendOutcome =
  | { kind: 'sent'; ticket: Versioned<Ticket> }
  | { kind: 'kept'; error: ConsoleError; permanent: boolean }
  | { kind: 'skipped'; reason: 'in-flight' | 'not-signed-in' | 'rejected' | 'not-due' };

const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;
const SEND_TIMEOUT_MS = 120_000;

/** 5 s, 10 s, 20 s ... up to 5 min, with ±20 % jitter so many consoles do not retry in step. */
export function defaultBackoff(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** The portal will refuse this ticket again however often it is sent. */
const permanentCodes: ReadonlySet<ErrorCode> = new Set(['VALIDATION', 'PAYLOAD_TOO_LARGE', 'FORBIDDEN', 'CONFLICT', 'NOT_FOUND']);
/** Not a failure of the ticket: it waits until the administrator signs in again. */
const signInCodes: ReadonlySet<ErrorCode> = new Set(['SESSION_EXPIRED', 'NOT_SIGNED_IN', 'PASSWORD_CHANGE_REQUIRED']);

function toConsoleError(error: unknown): ConsoleError {
  if (error instanceof ConsoleError) return error;
  return new ConsoleError('INTERNAL', error instanceof Error ? error.message : String(error));
}

function attachmentBytes(request: TicketCreate): number {
  return request.attachments.reduce((sum, attachment) => sum + base64DecodedBytes(attachment.contentBase64), 0);
}

export class TicketOutbox {
  private readonly entries = new Map<string, OutboxFile>();
  private readonly inFlight = new Set<string>();
  private readonly now: () => Date;
  private readonly backoff: (attempts: number) => number;

  private constructor(
    readonly dir: string,
    private readonly options: OutboxOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.backoff = options.backoff ?? ((attempts) => defaultBackoff(attempts));
  }

  /**
   * Loads every entry on disk. A file that is really corrupt (not JSON, not an outbox entry) is set aside as
   * `.corrupt`, never deleted; a file that could not be read (permissions, too many open files) stays where
   * it is and the open fails with that error, so no queued ticket quietly leaves the outbox.
   */
  static async open(dir: string, options: OutboxOptions = {}): Promise<TicketOutbox> {
    const outbox = new TicketOutbox(dir, options);
    await outbox.load();
    return outbox;
  }

  get size(): number {
    return this.entries.size;
  }

  list(clientFor: ClientFor): OutboxEntry[] {
    return [...this.entries.values()]
      .sort((left, right) => left.createdAt.localeCompare(right.createdAt))
      .map((entry) => this.viewOf(entry, clientFor));
  }

  /** One entry as the outbox panel shows it. */
  view(id: string, clientFor: ClientFor): OutboxEntry {
    return this.viewOf(this.get(id), clientFor);
  }

  get(id: string): OutboxFile {
    const entry = this.entries.get(id);
    if (entry === undefined) throw new ConsoleError('NOT_FOUND', 'The outbox has no such ticket (it may have been sent meanwhile).', { id });
    return entry;
  }

  /** Puts a ticket on disk; from here on it is not lost, whatever happens to the console or the portal. */
  async add(input: { profileId: string; profileName: string; request: TicketCreate; id?: string }): Promise<OutboxFile> {
    const entry: OutboxFile = {
      formatVersion: 1,
      id: input.id ?? randomUUID(),
      profileId: input.profileId,
      profileName: input.profileName,
      createdAt: this.now().toISOString(),
      attempts: 0,
      lastAttemptAt: null,
      nextAttemptAt: null,
      rejected: false,
      lastError: null,
      request: input.request,
    };
    await writeJsonFile(this.pathOf(entry.id), entry);
    this.entries.set(entry.id, entry);
    return entry;
  }

  async discard(id: string): Promise<void> {
    this.get(id);
    if (this.inFlight.has(id)) throw new ConsoleError('CONFLICT', 'The ticket is being sent right now; try again in a moment.', { id });
    await this.remove(id);
  }

  /**
   * One attempt for one entry. `force` ("send now") ignores the backoff and retries a refused ticket;
   * `ignoreBackoff` (after a sign-in) only the backoff.
   */
  async send(id: string, clientFor: ClientFor, { force = false, ignoreBackoff = false }: SendOptions = {}): Promise<SendOutcome> {
    const entry = this.get(id);
    if (this.inFlight.has(id)) return { kind: 'skipped', reason: 'in-flight' };
    if (entry.rejected && !force) return { kind: 'skipped', reason: 'rejected' };
    if (!force && !ignoreBackoff && !this.isDue(entry)) return { kind: 'skipped', reason: 'not-due' };
    const client = clientFor(entry.profileId);
    if (client === null) return { kind: 'skipped', reason: 'not-signed-in' };
    this.inFlight.add(id);
    try {
      return await this.attempt(entry, client);
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** Sends every due entry whose portal is signed in; returns how many the portal now has. */
  async flush(clientFor: ClientFor, options: SendOptions = {}): Promise<number> {
    let sent = 0;
    for (const id of [...this.entries.keys()]) {
      if (!this.entries.has(id)) continue;
      const outcome = await this.send(id, clientFor, options);
      if (outcome.kind === 'sent') sent += 1;
    }
    return sent;
  }

  private async attempt(entry: OutboxFile, client: PortalClient): Promise<SendOutcome> {
    let response;
    try {
      response = await client.post('/tickets', Ticket, {
        body: entry.request,
        headers: { 'idempotency-key': entry.id },
        timeoutMs: this.options.timeoutMs ?? SEND_TIMEOUT_MS,
      });
    } catch (error) {
      return this.recordFailure(entry, toConsoleError(error));
    }
    // The portal has the ticket. A crash before the next line leaves the file: the resend under the same
    // Idempotency-Key then answers this very ticket, so it still arrives exactly once.
    await this.remove(entry.id);
    this.options.log?.info('ticket sent from the outbox', { id: entry.id, number: response.data.number, attempts: entry.attempts + 1 });
    return { kind: 'sent', ticket: { etag: response.etag ?? '', value: response.data } };
  }

  private async recordFailure(entry: OutboxFile, error: ConsoleError): Promise<SendOutcome> {
    const permanent = permanentCodes.has(error.code);
    const waitsForSignIn = signInCodes.has(error.code);
    const attempts = entry.attempts + 1;
    const now = this.now();
    const updated: OutboxFile = {
      ...entry,
      attempts,
      lastAttemptAt: now.toISOString(),
      nextAttemptAt: permanent || waitsForSignIn ? null : new Date(now.getTime() + this.backoff(attempts)).toISOString(),
      rejected: permanent,
      lastError: error.toJSON(),
    };
    await writeJsonFile(this.pathOf(entry.id), updated);
    this.entries.set(entry.id, updated);
    this.options.log?.warn('ticket kept in the outbox', { id: entry.id, code: error.code, attempts, permanent });
    return { kind: 'kept', error, permanent };
  }

  private isDue(entry: OutboxFile): boolean {
    return entry.nextAttemptAt === null || Date.parse(entry.nextAttemptAt) <= this.now().getTime();
  }

  private viewOf(entry: OutboxFile, clientFor: ClientFor): OutboxEntry {
    const state = this.inFlight.has(entry.id)
      ? 'sending'
      : entry.rejected
        ? 'rejected'
        : clientFor(entry.profileId) === null
          ? 'waiting-for-sign-in'
          : 'pending';
    return {
      id: entry.id,
      subject: entry.request.subject,
      severity: entry.request.severity,
      profileId: entry.profileId,
      profileName: entry.profileName,
      createdAt: entry.createdAt,
      attempts: entry.attempts,
      lastAttemptAt: entry.lastAttemptAt,
      nextAttemptAt: entry.nextAttemptAt,
      state,
      lastError: entry.lastError,
      attachmentCount: entry.request.attachments.length,
      attachmentBytes: attachmentBytes(entry.request),
    };
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  private async remove(id: string): Promise<void> {
    await unlink(this.pathOf(id)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    this.entries.delete(id);
  }

  /** Null for a corrupt file; a failed read throws (and keeps the file). */
  private async readEntry(path: string, name: string): Promise<OutboxFile | null> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code ?? 'unknown';
      this.options.log?.error('outbox file could not be read; kept', { file: name, errno });
      throw new ConsoleError('INTERNAL', `The ticket outbox could not read ${name} (${errno}); the file is kept with its ticket.`, {
        reason: 'outbox_unreadable',
        file: name,
        errno,
      });
    }
    return parseEntry(text);
  }

  private async load(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) {
      const path = join(this.dir, name);
      // A crash during writeJsonFile leaves its temp file; the entry itself is the previous complete file.
      if (name.endsWith('.tmp')) await unlink(path).catch(() => undefined);
      if (!name.endsWith('.json')) continue;
      const entry = await this.readEntry(path, name);
      if (entry === null) {
        await rename(path, `${path}.corrupt`);
        this.options.log?.warn('corrupt outbox file set aside', { file: name });
        continue;
      }
      this.entries.set(entry.id, entry);
    }
  }
}

/** The entry in a file, or null when its content is no entry (unparseable JSON, another shape). */
function parseEntry(text: string): OutboxFile | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = OutboxFile.safeParse(value);
  return parsed.success ? parsed.data : null;
}
