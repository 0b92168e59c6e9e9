import type { ConsoleHandlers } from '../../common/contract';
import { ApplicationImportPreview, ApplicationImportResult } from '../../common/portal-api/application-transfer';
import type { BackendContext } from '../context';
import { jsonFilename } from './configuration';

type ApplicationTransferChannels = 'applications:export' | 'applications:importPreview' | 'applications:import';

/** An application of 100 pages reads and writes in well under this; a slow link gets its time. */
const TRANSFER_TIMEOUT_MS = 2 * 60_000;

/** Application transfer: the file passes through (the backend keeps nothing); the renderer holds it until the import. */
export function applicationTransferHandlers(ctx: BackendContext): Pick<ConsoleHandlers, ApplicationTransferChannels> {
  const client = () => ctx.session.client();
  return {
    'applications:export': async ({ applicationId }) => {
      const response = await client().text('GET', `/applications/${applicationId}/export`, { timeoutMs: TRANSFER_TIMEOUT_MS });
      return { filename: jsonFilename(response.headers['content-disposition'], 'application.json'), text: response.data };
    },
    'applications:importPreview': async ({ file, mapping, name }) =>
      (await client().post('/applications/import/preview', ApplicationImportPreview, { body: { file, mapping, ...(name ? { name } : {}) }, timeoutMs: TRANSFER_TIMEOUT_MS })).data,
    'applications:import': async ({ file, mapping, name, etag, confirmDataLoss }) => {
      const response = await client().post('/applications/import', ApplicationImportResult, {
        body: { file, mapping, confirmDataLoss, ...(name ? { name } : {}) },
        ifMatch: etag,
        timeoutMs: TRANSFER_TIMEOUT_MS,
      });
      ctx.log.info('application imported', { applicationId: response.data.applicationId, created: response.data.created, version: response.data.publishedVersion });
      return response.data;
    },
  };
}
