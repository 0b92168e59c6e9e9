import type { ConsoleHandlers } from '../../common/contract';
import { ConsoleError } from '../../common/errors';
import { DirectoryCertificate, DirectoryRun, DirectoryRunList, DirectorySettings, DirectoryTestResult } from '../../common/portal-api/directory';
import type { BackendContext } from '../context';

type DirectoryChannels =
  | 'directory:settings'
  | 'directory:save'
  | 'directory:certificate'
  | 'directory:test'
  | 'directory:runs'
  | 'directory:run'
  | 'directory:start';

function requireEtag(etag: string | null): string {
  if (etag === null) throw new ConsoleError('MALFORMED_RESPONSE', 'The portal sent no ETag for the directory settings', { what: 'directory settings' });
  return etag;
}

/** The directory connection, its test, dry runs and syncs: calls to the portal's /directory routes. */
export function directoryHandlers(ctx: BackendContext): Pick<ConsoleHandlers, DirectoryChannels> {
  const client = () => ctx.session.client();
  return {
    'directory:settings': async () => {
      const response = await client().get('/directory/settings', DirectorySettings);
      return { etag: requireEtag(response.etag), value: response.data };
    },
    'directory:save': async ({ settings, ifMatch }) => {
      const response = await client().put('/directory/settings', DirectorySettings, { body: settings, ifMatch });
      ctx.log.info('directory connection saved', { url: settings.url, passwordChanged: settings.bindPassword !== undefined });
      return { etag: requireEtag(response.etag), value: response.data };
    },
    'directory:certificate': async (request) => (await client().post('/directory/certificate', DirectoryCertificate, { body: request })).data,
    'directory:test': async (settings) => (await client().post('/directory/test', DirectoryTestResult, { body: settings })).data,
    'directory:runs': async () => (await client().get('/directory/runs', DirectoryRunList)).data,
    'directory:run': async ({ id }) => (await client().get(`/directory/runs/${encodeURIComponent(id)}`, DirectoryRun)).data,
    'directory:start': async (request) => {
      const run = (await client().post('/directory/runs', DirectoryRun, { body: request })).data;
      ctx.log.info('directory run started', { kind: request.kind, run: run.id });
      return run;
    },
  };
}
