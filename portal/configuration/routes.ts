import type { FastifyRequest } from 'fastify';
import type { AdminArea } from '../../common/domain/admin-areas';
import { buildConfigurationFile, serializeConfigurationFile } from '../../common/domain/portal-configuration';
import {
  CONFIGURATION_FILE_MAX_CHARS,
  ConfigurationApplyRequest,
  ConfigurationApplyResult,
  ConfigurationImportPreview,
  ConfigurationImportRequest,
} from '../../common/portal-api/configuration';
import { recordAudit } from '../audit';
import { missingRightProblem } from '../auth/admin-roles';
import { checkIfMatch } from '../http/etag';
import type { FeatureRoutes } from '../routes/types';
import { readPortalSettings } from '../settings';
import { applyImport, configurationEtag, previewImport } from './apply';
import { readConfiguration } from './read';
import { configurationFileName } from '../../common/domain/configuration-file-name';

const tags = ['configuration'];

/** The file covers these areas: reading or changing it needs every one of them (the route itself is declared 'security'). */
const TRANSFER_AREAS: readonly AdminArea[] = ['security', 'rights', 'applications', 'layouts', 'updates'];

/** JSON escapes can make the body longer than the file. */
const BODY_LIMIT = CONFIGURATION_FILE_MAX_CHARS * 2;

async function requireTransferAreas(request: FastifyRequest, now: Date, audit: typeof recordAudit, db: Parameters<typeof recordAudit>[0]): Promise<void> {
  const missing = TRANSFER_AREAS.find((area) => !request.adminAreas.includes(area));
  if (missing === undefined) return;
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  await audit(db, { actor: request.actor, action: 'admin_right.refused', targetType: 'route', targetId: route, after: { missingRight: missing, heldRights: request.adminAreas }, at: now });
  throw missingRightProblem(missing, route);
}

/** Portal configuration transfer (tag `configuration`): export as one file, preview an import, apply it in one transaction. */
const configurationRoutes: FeatureRoutes = async (app) => {
  const guard = (request: FastifyRequest) => requireTransferAreas(request, app.portal.now(), recordAudit, app.portal.db);

  app.get(
    '/configuration/export',
    {
      config: { adminArea: { allOf: TRANSFER_AREAS } },
      schema: { tags, summary: 'The whole configuration as one file (application/json, attachment; audited); needs every area it covers' },
    },
    async (request, reply) => {
      await guard(request);
      const now = app.portal.now();
      const settings = await readPortalSettings(app.portal.db);
      const configuration = await readConfiguration(app.portal.db);
      const file = buildConfigurationFile({
        exportedAt: now.toISOString(),
        source: { portalName: settings.name, portalVersion: settings.version },
        configuration,
      });
      const name = configurationFileName(settings.name, now, settings.timeZone);
      await recordAudit(app.portal.db, {
        actor: request.actor,
        action: 'configuration.export',
        targetType: 'configuration',
        targetId: settings.name,
        after: { file: name, layouts: configuration.layouts.length, applications: configuration.applications.length, orgUnits: configuration.orgUnits.length },
        at: now,
      });
      return reply
        .type('application/json; charset=utf-8')
        .header('etag', configurationEtag(configuration))
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(serializeConfigurationFile(file));
    },
  );

  app.post(
    '/configuration/import/preview',
    {
      bodyLimit: BODY_LIMIT,
      config: { adminArea: { allOf: TRANSFER_AREAS } },
      schema: {
        tags,
        summary: 'Every difference between a configuration file and this portal, by section (changes nothing); 422 for a damaged, altered or newer file',
        body: ConfigurationImportRequest,
        response: { 200: ConfigurationImportPreview },
      },
    },
    async (request, reply) => {
      await guard(request);
      const preview = await previewImport(app.portal.db, request.body.file, request.body.mapping);
      reply.header('etag', preview.etag);
      return preview;
    },
  );

  app.post(
    '/configuration/import/apply',
    {
      bodyLimit: BODY_LIMIT,
      config: { adminArea: { allOf: TRANSFER_AREAS } },
      schema: {
        tags,
        summary: 'Apply the chosen differences in one transaction, all or nothing (If-Match: the preview ETag; audited)',
        body: ConfigurationApplyRequest,
        response: { 200: ConfigurationApplyResult },
      },
    },
    async (request, reply) => {
      await guard(request);
      const context = { db: app.portal.db, actor: request.actor, now: app.portal.now() };
      const input = { text: request.body.file, mapping: request.body.mapping, selection: request.body.selection };
      const result = await applyImport(context, input, (etag) => checkIfMatch(request, etag, { etag }));
      reply.header('etag', result.etag);
      return result;
    },
  );
};

export default configurationRoutes;
