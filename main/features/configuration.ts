import type { ConsoleHandlers } from '../../common/contract';
import { ConfigurationApplyResult, ConfigurationImportPreview } from '../../common/portal-api/configuration';
import type { BackendContext } from '../context';

type ConfigurationChannels = 'configuration:export' | 'configuration:preview' | 'configuration:apply';

/** Large portals (many applications, logos) take a while to read and to write in one transaction. */
const TRANSFER_TIMEOUT_MS = 5 * 60_000;

/** `attachment; filename="portal-configuration-2026-12-05.json"` -> the name; anything unusual gets the fallback. */
export function jsonFilename(header: string | string[] | undefined, fallback: string): string {
  const value = Array.isArray(header) ? header[0] : header;
  const name = /filename="?([^";]*)"?/i.exec(value ?? '')?.[1] ?? '';
  return /^[\w][\w.-]*\.json$/.test(name) ? name : fallback;
}

/**
 * Configuration transfer: the file passes through (the backend keeps nothing between the calls); the
 * renderer holds it from choosing it until the apply.
 */
export function configurationHandlers(ctx: BackendContext): Pick<ConsoleHandlers, ConfigurationChannels> {
  const client = () => ctx.session.client();
  return {
    'configuration:export': async () => {
      const response = await client().text('GET', '/configuration/export', { timeoutMs: TRANSFER_TIMEOUT_MS });
      return { filename: jsonFilename(response.headers['content-disposition'], 'portal-configuration.json'), text: response.data };
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
