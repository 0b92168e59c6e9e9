import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { FileDownload } from '../../common/contract/file-download';
import { ConsoleError } from '../../common/errors';
import { streamFailure } from '../../common/portal-api/streams';
import type { ClientLog } from './client-log';
import { consoleTransfers, TRANSFER_TTL_MS, type TransferRegistry } from './transfers';

/** Where Electron asks for a path; absent in browser mode. */
export interface SaveDialog {
  /** A path to save to, or null when the person cancelled. */
  saveFile(defaultName: string): Promise<string | null>;
}

/** An opened answer to stream: its body unread. */
export interface OpenedDownload {
  body: Readable;
  length?: string | undefined;
  /** The name the portal gave the file, when it names it. */
  file?: string | undefined;
}

/** What a download streams, opened when it is about to be written. */
export interface DownloadSource {
  /** The file name offered (save dialog default, content-disposition) unless the opened answer names one. */
  file: string;
  contentType: string;
  open(): Promise<OpenedDownload>;
  /** A streamed text export of the portal: it may end with the failure marker (common/portal-api/streams.ts). */
  portalText?: boolean;
}

/** The failure line is short (marker and one sentence); this much is held back until the stream ends. */
const HELD_BACK_BYTES = 1024;
const NEWLINE = 0x0a;

/**
 * Passes the bytes through, counting line ends. For a portal text export it holds back the last KiB until the
 * end: a stream that ends with the failure marker errors instead, so the marker never reaches the file and a cut
 * export is never kept as whole.
 */
export class DownloadGuard extends Transform {
  bytes = 0;
  lines = 0;
  private held = Buffer.alloc(0);

  constructor(private readonly portalText: boolean) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.count(chunk);
    if (!this.portalText) return done(null, chunk);
    const joined = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    const cut = Math.max(0, joined.length - HELD_BACK_BYTES);
    this.held = Buffer.from(joined.subarray(cut));
    done(null, cut > 0 ? joined.subarray(0, cut) : undefined);
  }

  override _flush(done: TransformCallback): void {
    const failure = this.portalText ? streamFailure(this.held.toString('utf8')) : null;
    if (failure !== null) return done(new ConsoleError('SERVER_ERROR', `The portal stopped the export part-way; nothing was kept: ${failure}`, { incomplete: true }));
    done(null, this.held.length > 0 ? this.held : undefined);
  }

  private count(chunk: Buffer): void {
    this.bytes += chunk.length;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) this.lines += 1;
  }
}

/** Streams an opened answer to `path` (a partial file first, so a cut download never looks complete). */
async function saveTo(source: DownloadSource, opened: OpenedDownload, path: string): Promise<{ bytes: number; lines: number }> {
  const guard = new DownloadGuard(source.portalText === true);
  const partial = `${path}.part`;
  try {
    await pipeline(opened.body, guard, createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof ConsoleError) throw error;
    throw new ConsoleError('SERVER_ERROR', `The download stopped part-way; nothing was saved: ${(error as Error).message}`);
  }
  return { bytes: guard.bytes, lines: guard.lines };
}

/** The dialog comes first: a cancelled save asks the portal for nothing (an export it opens may be audited). */
async function saveWithDialog(ctx: DownloadContext, dialogs: SaveDialog, source: DownloadSource): Promise<FileDownload> {
  const path = await dialogs.saveFile(source.file);
  if (path === null) return { kind: 'cancelled' };
  const opened = await source.open();
  const file = opened.file ?? source.file;
  const { bytes, lines } = await saveTo(source, opened, path);
  ctx.log.info('file saved', { file, bytes });
  return { kind: 'saved', path, file, bytes, lines };
}

/** `attachment; filename="…"` with the name reduced to what every browser accepts. */
function attachment(file: string): string {
  return `attachment; filename="${file.replace(/[^\w.-]/g, '_')}"`;
}

interface DownloadContext {
  fileDialogs?: SaveDialog | undefined;
  log: ClientLog;
}

/**
 * Offers a file for download without holding it. Electron streams it to the path the save dialog gives. Browser
 * mode opens it at once (so a refusal reaches the page as the call's error) and returns a one-time address that
 * streams it when the page follows it; an address not followed in time drops the answer.
 */
export async function offerDownload(ctx: DownloadContext, source: DownloadSource, registry: TransferRegistry = consoleTransfers): Promise<FileDownload> {
  if (ctx.fileDialogs !== undefined) return saveWithDialog(ctx, ctx.fileDialogs, source);
  const opened = await source.open();
  const file = opened.file ?? source.file;
  let taken = false;
  const url = registry.offer({
    method: 'GET',
    run: async () => {
      taken = true;
      const guard = new DownloadGuard(source.portalText === true);
      // An error on either side destroys both, so the browser sees a cut download, never a whole-looking one.
      pipeline(opened.body, guard).catch((error: unknown) => ctx.log.warn('download stopped part-way', { file, message: (error as Error).message }));
      const headers: Record<string, string> = { 'content-type': source.contentType, 'content-disposition': attachment(file) };
      if (opened.length !== undefined) headers['content-length'] = opened.length;
      ctx.log.info('download started', { file });
      return { status: 200, headers, body: guard };
    },
  });
  setTimeout(() => {
    if (!taken) opened.body.destroy();
  }, TRANSFER_TTL_MS + 1_000).unref();
  return { kind: 'url', url, file };
}

/** A header's single value (undici gives arrays for repeated headers). */
export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
