import { readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Draft, type DraftKind, type DraftRef, type DraftSummary, type SaveDraftRequest } from '../../common/contract/designer';
import { ConsoleError } from '../../common/errors';
import { readJsonFile, writeJsonFile } from './json-file';

/**
 * Designer drafts on disk: one JSON file per application or layout under
 * `<userData>/drafts/<profileId>/<kind>-<id>.json`, written atomically on every (debounced) change and
 * removed once the portal has published the work. A draft survives restarts and failed publishes.
 */

const DraftFile = z.object({ formatVersion: z.literal(1), draft: Draft });
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;
const FILE_NAME = /^(application|layout)-([0-9a-f-]{36})\.json$/;

export interface DraftLog {
  warn(message: string, context?: Record<string, unknown>): void;
}

function summaryOf(draft: Draft): DraftSummary {
  return { kind: draft.kind, id: draft.id, savedAt: draft.savedAt, baseVersion: draft.baseVersion };
}

export class DraftStore {
  /** Per file: the last queued operation, so saves and discards land in the order they were asked for. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly root: string,
    private readonly log: DraftLog = { warn: () => undefined },
    private readonly now: () => Date = () => new Date(),
  ) {}

  private folderOf(profileId: string): string {
    if (!SAFE_SEGMENT.test(profileId)) throw new ConsoleError('VALIDATION', 'The profile id cannot name a draft folder', { profileId });
    return join(this.root, profileId);
  }

  private pathOf(profileId: string, ref: DraftRef): string {
    const name = `${ref.kind}-${ref.id.toLowerCase()}.json`;
    if (!FILE_NAME.test(name)) throw new ConsoleError('VALIDATION', 'Not a draft id', { id: ref.id });
    return join(this.folderOf(profileId), name);
  }

  private serialised<T>(path: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(operation);
    this.queues.set(path, next);
    void next.finally(() => {
      if (this.queues.get(path) === next) this.queues.delete(path);
    }).catch(() => undefined);
    return next;
  }

  /** The draft, or null; an unreadable file is moved aside (never deleted) and reported. */
  async get(profileId: string, ref: DraftRef): Promise<Draft | null> {
    const path = this.pathOf(profileId, ref);
    return this.serialised(path, () => this.read(path));
  }

  private async read(path: string): Promise<Draft | null> {
    try {
      const file = await readJsonFile(path, DraftFile.nullable(), null);
      return file?.draft ?? null;
    } catch (error) {
      const aside = `${path}.unreadable-${this.now().getTime()}`;
      await rename(path, aside).catch(() => undefined);
      this.log.warn('unreadable draft moved aside', { path: aside, message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  async save(profileId: string, request: SaveDraftRequest): Promise<DraftSummary> {
    const path = this.pathOf(profileId, request);
    const draft = Draft.parse({ ...request, savedAt: this.now().toISOString() });
    return this.serialised(path, async () => {
      await writeJsonFile(path, { formatVersion: 1, draft });
      return summaryOf(draft);
    });
  }

  async discard(profileId: string, ref: DraftRef): Promise<void> {
    const path = this.pathOf(profileId, ref);
    return this.serialised(path, async () => {
      try {
        await unlink(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    });
  }

  /** Every draft of the profile, newest first. */
  async list(profileId: string, kind?: DraftKind): Promise<DraftSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.folderOf(profileId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const refs = names.flatMap((name) => {
      const match = FILE_NAME.exec(name);
      return match ? [{ kind: match[1] as DraftKind, id: match[2] as string }] : [];
    });
    const drafts = await Promise.all(refs.filter((ref) => kind === undefined || ref.kind === kind).map((ref) => this.get(profileId, ref)));
    return drafts
      .flatMap((draft) => (draft ? [summaryOf(draft)] : []))
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }
}
