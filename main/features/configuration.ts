import type { ConsoleHandlers } from '../../common/contract';
import { configurationFileName } from '../../common/domain/configuration-file-name';
import { ConfigurationApplyResult, ConfigurationImportPreview } from '../../common/portal-api/configuration';
import type { BackendContext } from '../context';
import { headerText, offerDownload, type SaveDialog } from '../services/file-download';

type ConfigurationChannels = 'configuration:export' | 'configuration:preview' | 'configuration:apply';

/** Large portals (many applications, logos) take a while to read and to write in one transaction. */
const TRANSFER_TIMEOUT_MS = 5 * 60_000;
const FALLBACK_NAME = 'portal-configuration.json';

/** `attachment; filename="portal-configuration-2026-12-05.json"` -> the name; anything unusual gets the fallback. */
export function jsonFilename(header: string | string[] | undefined, fallback: string): string {
  const value = Array.isArray(header) ? header[0] : header;
  const name = /filename="?([^";]*)"?/i.exec(value ?? '')?.[1] ?? '';
  return /^[\w][\w.-]*\.json$/.test(name) ? name : fallback;
}

/**
 * Configuration transfer: the export streams to a file (the backend keeps nothing); an imported file is held by
 * the renderer from choosing it until the apply.
 */
export function configurationHandlers(ctx: BackendContext & { fileDialogs?: SaveDialog }): Pick<ConsoleHandlers, ConfigurationChannels> {
  const client = () => ctx.session.client();
  return {
    'configuration:export': async () => {
      const portal = client();
      // Electron's save dialog comes before the portal is asked (its export is audited), so it offers the name the
      // portal would give, by this machine's date; browser mode opens first and names the file as the portal does.
      const info = ctx.session.current()?.portal;
      const offered = info === undefined ? FALLBACK_NAME : configurationFileName(info.name, new Date(), info.timeZone);
      return offerDownload(ctx, {
        file: offered,
        contentType: 'application/json; charset=utf-8',
        open: async () => {
          const response = await portal.stream('GET', '/configuration/export', { timeoutMs: TRANSFER_TIMEOUT_MS });
          return {
            body: response.body,
            length: headerText(response.headers['content-length']),
            file: jsonFilename(response.headers['content-disposition'], offered),
          };
        },
      });
    },
    'configuration:preview': async ({ file, mapping }) =>
      (await client().post('/configuration/import/preview', ConfigurationImportPreview, { body: { file, mapping }, timeoutMs: TRANSFER_TIMEOUT_MS })).data,
    'configuration:apply': async ({ file, mapping, selection, etag }) => {
      const response = await client().post('/configuration/import/apply', ConfigurationApplyResult, {
        body: { file, mapping, selection },
        ifMatch: etag,
        timeoutMs: TRANSFER_TIMEOUT_MS,
      });
      ctx.log.info('configuration imported', { changes: response.data.total });
      return response.data;
    },
  };
}
