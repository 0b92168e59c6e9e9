import { z } from 'zod';
import {
  DirectoryCertificate,
  DirectoryCertificateRequest,
  DirectoryRun,
  DirectoryRunList,
  DirectorySettings,
  DirectorySettingsInput,
  DirectoryStartRun,
  DirectoryTestResult,
} from '../../common/portal-api/directory';
import { DirectoryError, fetchDirectoryCertificate } from '../directory/ldap-connection';
import { directoryServiceFor } from '../directory/runner';
import { readDirectorySettings, saveDirectorySettings } from '../directory/settings';
import { checkIfMatch } from '../http/etag';
import { problem } from '../http/problem';
import type { FeatureRoutes } from './types';

const tags = ['directory'];
const config = { adminArea: 'users' as const };
const RunParams = z.object({ id: z.uuid() });

/**
 * The directory connection (LDAP / Active Directory), its connection test, and dry runs and syncs as jobs (tag
 * `directory`). The bind password goes in once and never comes back out.
 */
const directoryRoutes: FeatureRoutes = async (app) => {
  const service = directoryServiceFor(app.portal, (message, context) => app.serverLog.warn(message, context));
  const secrets = service.secrets;
  app.addHook('onClose', async () => service.stop());

  app.get(
    '/directory/settings',
    { config, schema: { tags, summary: 'The directory connection and mapping (ETag); never the bind password', response: { 200: DirectorySettings } } },
    async (_request, reply) => {
      const stored = await readDirectorySettings(app.portal.db);
      reply.header('etag', stored.etag);
      return stored.settings;
    },
  );

  app.put(
    '/directory/settings',
    {
      config,
      schema: { tags, summary: 'Save the directory connection (If-Match); bindPassword omitted keeps the stored one', body: DirectorySettingsInput, response: { 200: DirectorySettings } },
    },
    async (request, reply) => {
      const saved = await saveDirectorySettings({ db: app.portal.db, actor: request.actor, now: app.portal.now(), secrets }, request.body, (etag, current) =>
        checkIfMatch(request, etag, current),
      );
      reply.header('etag', saved.etag);
      return saved.settings;
    },
  );

  app.post(
    '/directory/certificate',
    { config, schema: { tags, summary: "The directory server's certificate, read without binding (to pin it)", body: DirectoryCertificateRequest, response: { 200: DirectoryCertificate } } },
    async (request) => {
      try {
        return await fetchDirectoryCertificate(request.body);
      } catch (error) {
        if (error instanceof DirectoryError) throw problem(502, 'Bad Gateway', { code: `directory_${error.failure.code}`, detail: error.failure.detail });
        throw error;
      }
    },
  );

  app.post(
    '/directory/test',
    {
      config,
      schema: { tags, summary: 'Test a connection (saved or not) step by step: DNS, connect, TLS and pin, bind, base DN, filters', body: DirectorySettingsInput, response: { 200: DirectoryTestResult } },
    },
    async (request) => {
      const { bindPassword, ...settings } = request.body;
      return service.test(settings, bindPassword);
    },
  );

  app.get(
    '/directory/runs',
    { config, schema: { tags, summary: 'The recent dry runs and syncs with their reports', response: { 200: DirectoryRunList } } },
    async () => ({ runs: await service.list() }),
  );

  app.get(
    '/directory/runs/:id',
    { config, schema: { tags, summary: 'One run: progress while it runs, its report when it ends', params: RunParams, response: { 200: DirectoryRun } } },
    async (request) => {
      const run = await service.read(request.params.id);
      if (run === undefined) throw problem(404, 'Not Found', { code: 'directory_run_not_found', detail: `There is no directory run ${request.params.id}.` });
      return run;
    },
  );

  app.post(
    '/directory/runs',
    {
      config,
      schema: {
        tags,
        summary: 'Start a dry run or a sync (202; poll the run). A sync over the disable limit stops unless confirmDisable names its count',
        body: DirectoryStartRun,
        response: { 202: DirectoryRun },
      },
    },
    async (request, reply) => {
      const run = await service.start(request.body.kind, request.actor, request.body.confirmDisable === undefined ? {} : { confirmDisable: request.body.confirmDisable });
      reply.code(202);
      return run;
    },
  );
};

export default directoryRoutes;
