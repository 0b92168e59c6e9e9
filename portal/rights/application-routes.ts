import { z } from 'zod';
import {
  AccessDecision,
  AccessGraph,
  AccessQuery,
  ApplicationLaunch,
  ApplicationRightsDoc,
  ApplicationRightsList,
  EffectiveRights,
  FunctionPermissions,
  SaveApplicationRights,
  SaveFunctionPermissions,
} from '../../common/portal-api/rights';
import { recordAudit } from '../audit';
import { checkIfMatch } from '../http/etag';
import { describeError } from '../logs/safe-error';
import type { FeatureRoutes } from '../routes/types';
import { accessGraph, decideAccess, effectiveRightsOf, launchApplication, matrixCsv, meetsLevel, readMatrixPrelude } from './access';
import { listApplicationRightsSummaries, lockApplicationRights, readApplicationRights, writeApplicationRights } from './application-rights';
import { lockFunctionPermissions, readFunctionPermissions, writeFunctionPermissions } from './function-permissions';

const ApplicationParams = z.object({ id: z.uuid() });
const ApplicationUserParams = z.object({ id: z.uuid(), userId: z.uuid() });
const PrincipalParams = z.object({ principalId: z.uuid() });
const tags = ['rights'];

export const applicationRightsRoutes: FeatureRoutes = async (app) => {
  const db = app.portal.db;

  app.get(
    '/rights/applications',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Every application with its default level and number of entries', response: { 200: ApplicationRightsList } } },
    async () => ({ items: await listApplicationRightsSummaries(db) }),
  );

  app.get(
    '/applications/:id/rights',
    { config: { adminArea: 'rights' }, schema: { tags, summary: "An application's rights entries and default (ETag)", params: ApplicationParams, response: { 200: ApplicationRightsDoc } } },
    async (request, reply) => {
      const stored = await readApplicationRights(db, request.params.id);
      reply.header('etag', stored.etag);
      return stored.doc;
    },
  );

  app.put(
    '/applications/:id/rights',
    {
      config: { adminArea: 'rights' },
      schema: {
        tags,
        summary: "Replace an application's entries and default (If-Match)",
        params: ApplicationParams,
        body: SaveApplicationRights,
        response: { 200: ApplicationRightsDoc },
      },
    },
    async (request, reply) => {
      const saved = await db.transaction(async (tx) => {
        const current = await lockApplicationRights(tx, request.params.id);
        checkIfMatch(request, current.etag, current.doc);
        await writeApplicationRights(tx, current, request.body);
        const after = await readApplicationRights(tx, request.params.id);
        await recordAudit(tx, {
          actor: request.actor,
          action: 'application_rights.update',
          targetType: 'application',
          targetId: request.params.id,
          before: current.doc,
          after: after.doc,
          at: app.portal.now(),
        });
        return after;
      });
      reply.header('etag', saved.etag);
      return saved.doc;
    },
  );

  app.get(
    '/applications/:id/access/:userId',
    {
      config: { adminArea: 'rights' },
      schema: {
        tags,
        summary: "The user's effective level on the application, as the portal enforces it",
        params: ApplicationUserParams,
        querystring: AccessQuery,
        response: { 200: AccessDecision },
      },
    },
    async (request) => {
      const { id, userId } = request.params;
      const decision = await decideAccess(db, id, userId);
      const required = request.query.require;
      return {
        applicationId: id,
        userId,
        level: decision.level,
        source: decision.source,
        required,
        allowed: decision.enabled && meetsLevel(decision.level, required),
      };
    },
  );

  app.get(
    '/applications/:id/launch/:userId',
    {
      config: { adminArea: 'rights' },
      schema: {
        tags,
        summary: 'Enforcement point: opens the application for a member, 403 access_denied below Read',
        params: ApplicationUserParams,
        response: { 200: ApplicationLaunch },
      },
    },
    async (request) => launchApplication(db, request.params.id, request.params.userId),
  );

  app.get(
    '/rights/graph/:principalId',
    {
      config: { adminArea: 'rights' },
      schema: {
        tags,
        summary: 'The principal, every container it reaches and the memberships between them',
        params: PrincipalParams,
        response: { 200: AccessGraph },
      },
    },
    async (request) => accessGraph(db, request.params.principalId),
  );

  app.get(
    '/rights/effective/:principalId',
    {
      config: { adminArea: 'rights' },
      schema: {
        tags,
        summary: "A user's or container's effective level on every application, with the deciding entry",
        params: PrincipalParams,
        response: { 200: EffectiveRights },
      },
    },
    async (request) => effectiveRightsOf(db, request.params.principalId),
  );

  app.get(
    '/rights/matrix.csv',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Effective level of every user on every application (CSV)', produces: ['text/csv'] } },
    async (request, reply) => {
      // Read before the 200: a failure here is still an ordinary error answer; later ones end the file with the marker.
      const prelude = await readMatrixPrelude(db);
      const csv = matrixCsv(db, prelude, (error) =>
        app.serverLog.error('export failed', { reqId: request.id, path: '/api/v1/rights/matrix.csv', error: describeError(error) }),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rights-matrix.csv"')
        .send(csv);
    },
  );

  app.get(
    '/function-permissions',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'What members and guests may do per portal function (ETag)', response: { 200: FunctionPermissions } } },
    async (_request, reply) => {
      const stored = await readFunctionPermissions(db);
      reply.header('etag', stored.etag);
      return stored.value;
    },
  );

  app.put(
    '/function-permissions',
    {
      config: { adminArea: 'rights' },
      schema: {
        tags,
        summary: 'Replace the function permissions matrix (If-Match)',
        body: SaveFunctionPermissions,
        response: { 200: FunctionPermissions },
      },
    },
    async (request, reply) => {
      const saved = await db.transaction(async (tx) => {
        const current = await lockFunctionPermissions(tx);
        checkIfMatch(request, current.etag, current.value);
        await writeFunctionPermissions(tx, request.body.functions);
        const after = await readFunctionPermissions(tx);
        await recordAudit(tx, {
          actor: request.actor,
          action: 'function_permissions.update',
          targetType: 'function_permissions',
          targetId: null,
          before: current.value.functions,
          after: after.value.functions,
          at: app.portal.now(),
        });
        return after;
      });
      reply.header('etag', saved.etag);
      return saved.value;
    },
  );
};
