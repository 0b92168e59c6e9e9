import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupDownload, ConsoleHandlers, RestoreFromFile } from '../../common/contract';
import { ConsoleError } from '../../common/errors';
import { Backup, BACKUP_ARCHIVE_CONTENT_TYPE, RestoreResult } from '../../common/portal-api/instance';
import type { BackendContext } from '../context';
import type { PortalClient } from '../services/portal-client';
import { consoleTransfers, type TransferAnswer, type TransferRegistry } from '../services/transfers';

/** Where Electron asks for a path (save and open dialogs); absent in browser mode. */
export interface FileDialogs {
  /** A path to save to, or null when the person cancelled. */
  saveFile(defaultName: string): Promise<string | null>;
  /** A file to open, or null when the person cancelled. */
  openFile(): Promise<string | null>;
}

/** A restore replaces everything and ends every session: it may take minutes on a big portal. */
const RESTORE_TIMEOUT_MS = 15 * 60_000;
/** Per chunk, not for the whole download. */
const STREAM_TIMEOUT_MS = 60_000;

type Channels = 'instance:downloadBackup' | 'instance:restoreBackup' | 'instance:restoreFromFile';

const archivePath = (id: string) => `/instance/backups/${encodeURIComponent(id)}/archive`;

async function openArchive(client: PortalClient, id: string) {
  return client.stream('GET', archivePath(id), { timeoutMs: STREAM_TIMEOUT_MS, headers: { accept: `${BACKUP_ARCHIVE_CONTENT_TYPE}, application/problem+json` } });
}

/** Streams the archive to `path` (a partial file first, so a cut download never looks complete). */
async function saveArchive(client: PortalClient, id: string, path: string): Promise<number> {
  const response = await openArchive(client, id);
  const partial = `${path}.part`;
  try {
    await pipeline(response.body, createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw new ConsoleError('SERVER_ERROR', `The download stopped part-way; nothing was saved: ${(error as Error).message}`);
  }
  return (await stat(path)).size;
}

async function uploadArchive(client: PortalClient, body: Readable, confirm: string): Promise<RestoreResult> {
  const response = await client.stream('POST', '/instance/restores', {
    query: { confirm },
    timeoutMs: RESTORE_TIMEOUT_MS,
    upload: { contentType: BACKUP_ARCHIVE_CONTENT_TYPE, body },
  });
  const parsed = RestoreResult.safeParse(JSON.parse(await response.body.text()));
  if (!parsed.success) throw new ConsoleError('MALFORMED_RESPONSE', 'The portal’s answer to the restore does not match the expected format');
  return parsed.data;
}

const jsonAnswer = (status: number, value: unknown): TransferAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

/** Download and restore of backup archives: streamed, never whole through the contract. */
export function backupTransferHandlers(ctx: BackendContext & { fileDialogs?: FileDialogs }, registry: TransferRegistry = consoleTransfers): Pick<ConsoleHandlers, Channels> {
  const client = () => ctx.session.client();
  /** After a restore the portal knows no session any more, this console's included. */
  const restored = (result: RestoreResult) => {
    ctx.log.warn('backup restored; the portal ended every session', { source: result.source, backup: result.backupId, rows: result.rows });
    ctx.session.expire();
    return result;
  };
  return {
    'instance:downloadBackup': async ({ id }): Promise<BackupDownload> => {
      const portal = client();
      const backup = (await portal.get(`/instance/backups/${encodeURIComponent(id)}`, Backup)).data;
      if (backup.file === null || backup.removedAt !== null) throw new ConsoleError('NOT_FOUND', 'This backup has no archive to download.');
      if (ctx.fileDialogs !== undefined) {
        const path = await ctx.fileDialogs.saveFile(backup.file);
        if (path === null) return { kind: 'cancelled' };
        const bytes = await saveArchive(portal, id, path);
        ctx.log.info('backup downloaded', { id, bytes });
        return { kind: 'saved', path, bytes };
      }
      const url = registry.offer({
        method: 'GET',
        run: async () => {
          const response = await openArchive(portal, id);
          const headers: Record<string, string> = {
            'content-type': BACKUP_ARCHIVE_CONTENT_TYPE,
            'content-disposition': `attachment; filename="${backup.file}"`,
          };
          const length = response.headers['content-length'];
          if (typeof length === 'string') headers['content-length'] = length;
          ctx.log.info('backup download started', { id });
          return { status: 200, headers, body: response.body };
        },
      });
      return { kind: 'url', url, file: backup.file };
    },
    'instance:restoreBackup': async ({ id, confirm }) =>
      restored(
        (await client().post(`/instance/backups/${encodeURIComponent(id)}/restore`, RestoreResult, { body: { confirm }, timeoutMs: RESTORE_TIMEOUT_MS }))
          .data,
      ),
    'instance:restoreFromFile': async ({ confirm }): Promise<RestoreFromFile> => {
      const portal = client();
      if (ctx.fileDialogs !== undefined) {
        const path = await ctx.fileDialogs.openFile();
        if (path === null) return { kind: 'cancelled' };
        return { kind: 'restored', result: restored(await uploadArchive(portal, createReadStream(path), confirm)) };
      }
      const url = registry.offer({
        method: 'POST',
        run: async (body) => {
          if (body === null) return jsonAnswer(400, { ok: false, error: new ConsoleError('VALIDATION', 'No archive was sent.').toJSON() });
          try {
            return jsonAnswer(200, { ok: true, value: restored(await uploadArchive(portal, body, confirm)) });
          } catch (error) {
            const shape = error instanceof ConsoleError ? error.toJSON() : new ConsoleError('INTERNAL', 'The restore failed; see the console log').toJSON();
            if (!(error instanceof ConsoleError)) ctx.log.error('restore upload failed', { message: (error as Error).message });
            return jsonAnswer(200, { ok: false, error: shape });
          }
        },
      });
      return { kind: 'upload', url };
    },
  };
}
