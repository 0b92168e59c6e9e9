import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PageQuery } from '../../common/portal-api/common';
import {
  ApplicationDefinitionDoc,
  ApplicationListQuery,
  ApplicationPage,
  ApplicationSummary,
  CreateApplication,
  CreateLayout,
  DefinitionVersionDoc,
  DefinitionVersionPage,
  Layout,
  LayoutContent,
  LayoutPage,
  PublishDefinition,
  PublishedDefinitionDoc,
  RollbackDefinition,
} from '../../common/portal-api/designer';
import type { ApplicationDefinition } from '../../common/domain/application-definition';
import { decodedLength } from '../../common/domain/layout-rules';
import { recordAudit } from '../audit';
import {
  applicationEtag,
  assertPublishable,
  createApplication,
  listApplications,
  listDefinitionVersions,
  publishDefinition,
  readDefinition,
  readDefinitionVersion,
  toSummary,
  type StoredDefinition,
} from '../designer/applications';
import { applyDataImpact } from '../designer/data-impact';
import type { PortalExecutor } from '../db/client';
import { assertValidLayout, createLayout, layoutEtag, listLayouts, readLayout, saveLayout, toLayout } from '../designer/layouts';
import { checkIfMatch } from '../http/etag';
import type { FeatureRoutes } from './types';

const ApplicationParams = z.object({ id: z.uuid() });
const VersionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });
const LayoutParams = z.object({ id: z.uuid() });
/** A definition or a layout with a logo is larger than most bodies; still far below anything abusive. */
const DESIGNER_BODY_LIMIT = 2 * 1024 * 1024;

/** The audit log keeps the logo's size and type, not its bytes. */
function layoutAuditView(layout: Layout) {
  const logo = layout.logo && { contentType: layout.logo.contentType, fileName: layout.logo.fileName, bytes: decodedLength(layout.logo.dataBase64) };
  return { ...layout, logo };
}

/** Applications, their definitions and published versions, and portal layouts (tag `designer`). */
const designerRoutes: FeatureRoutes = async (app) => {
  const db = app.portal.db;
  const tags = ['designer'];
  const actorLogin = (request: FastifyRequest) => request.actor.login;

  /**
   * Publishes `definition` over the locked `current` version: refuses a definition that breaks a rule,
   * and one that drops or retypes parts holding data unless `confirmDataLoss` (then applies it), audited.
   */
  const publishWithData = async (
    tx: PortalExecutor,
    request: FastifyRequest,
    current: StoredDefinition,
    input: { definition: ApplicationDefinition; comment: string; confirmDataLoss: boolean; action: string; rolledBackTo?: number },
  ): Promise<{ etag: string; doc: PublishedDefinitionDoc }> => {
    assertPublishable(input.definition);
    const at = app.portal.now();
    const { impact, applied } = await applyDataImpact(tx, current.doc.applicationId, current.doc.definition, input.definition, { confirm: input.confirmDataLoss, at });
    const published = await publishDefinition(tx, current, { definition: input.definition, comment: input.comment, actorLogin: actorLogin(request), at });
    await recordAudit(tx, {
      actor: request.actor,
      action: input.action,
      targetType: 'application',
      targetId: current.doc.applicationId,
      before: current.doc,
      after: {
        ...published.doc,
        comment: input.comment,
        ...(input.rolledBackTo !== undefined && { rolledBackTo: input.rolledBackTo }),
        ...(impact.length > 0 && { dataImpact: impact, dataChanges: applied }),
      },
      at,
    });
    return { etag: published.etag, doc: { ...published.doc, dataChanges: applied } };
  };

  app.get(
    '/applications',
    { config: { adminArea: 'applications' }, schema: { tags, summary: 'Applications in name order with their published version', querystring: ApplicationListQuery, response: { 200: ApplicationPage } } },
    async (request) => listApplications(db, request.query),
  );

  app.post(
    '/applications',
    { config: { adminArea: 'applications' }, schema: { tags, summary: 'Create an application (nothing published yet)', body: CreateApplication, response: { 201: ApplicationSummary } } },
    async (request, reply) => {
      const row = await db.transaction(async (tx) => {
        const created = await createApplication(tx, { name: request.body.name, description: request.body.description });
        await recordAudit(tx, {
          actor: request.actor,
          action: 'application.create',
          targetType: 'application',
          targetId: created.id,
          after: toSummary(created),
          at: app.portal.now(),
        });
        return created;
      });
      reply.code(201).header('etag', applicationEtag(row)).header('location', `/api/v1/applications/${row.id}/definition`);
      return toSummary(row);
    },
  );

  app.get(
    '/applications/:id/definition',
    { config: { adminArea: 'applications' }, schema: { tags, summary: 'The published definition (ETag); version 0 before the first publish', params: ApplicationParams, response: { 200: ApplicationDefinitionDoc } } },
    async (request, reply) => {
      const stored = await readDefinition(db, request.params.id);
      reply.header('etag', stored.etag);
      return stored.doc;
    },
  );

  app.put(
    '/applications/:id/definition',
    {
      config: { adminArea: 'applications' },
      bodyLimit: DESIGNER_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Publish a new version of the definition (If-Match); 400 with the rule codes when it is not valid, 409 data_loss_unconfirmed with dataImpact when parts holding data are dropped or retyped',
        params: ApplicationParams,
        body: PublishDefinition,
        response: { 200: PublishedDefinitionDoc },
      },
    },
    async (request, reply) => {
      const saved = await db.transaction(async (tx) => {
        const current = await readDefinition(tx, request.params.id, true);
        checkIfMatch(request, current.etag, current.doc);
        return publishWithData(tx, request, current, { ...request.body, action: 'application_definition.publish' });
      });
      reply.header('etag', saved.etag);
      return saved.doc;
    },
  );

  app.post(
    '/applications/:id/definition/rollback',
    {
      config: { adminArea: 'applications' },
      schema: {
        tags,
        summary: 'Publish a copy of an earlier version as a new version (If-Match); same rules and data-loss confirmation as publishing',
        params: ApplicationParams,
        body: RollbackDefinition,
        response: { 200: PublishedDefinitionDoc },
      },
    },
    async (request, reply) => {
      const saved = await db.transaction(async (tx) => {
        const current = await readDefinition(tx, request.params.id, true);
        checkIfMatch(request, current.etag, current.doc);
        const { version, comment, confirmDataLoss } = request.body;
        const target = await readDefinitionVersion(tx, request.params.id, version);
        return publishWithData(tx, request, current, {
          definition: target.definition,
          comment: comment === undefined || comment === '' ? `Rollback to version ${version}` : comment,
          confirmDataLoss,
          action: 'application_definition.rollback',
          rolledBackTo: version,
        });
      });
      reply.header('etag', saved.etag);
      return saved.doc;
    },
  );

  app.get(
    '/applications/:id/definition/versions',
    { config: { adminArea: 'applications' }, schema: { tags, summary: 'Published versions, newest first', params: ApplicationParams, querystring: PageQuery, response: { 200: DefinitionVersionPage } } },
    async (request) => listDefinitionVersions(db, request.params.id, request.query),
  );

  app.get(
    '/applications/:id/definition/versions/:version',
    { config: { adminArea: 'applications' }, schema: { tags, summary: 'One published version with its definition', params: VersionParams, response: { 200: DefinitionVersionDoc } } },
    async (request) => readDefinitionVersion(db, request.params.id, request.params.version),
  );

  app.get(
    '/layouts',
    { config: { adminArea: 'layouts' }, schema: { tags, summary: 'Layouts in name order', querystring: PageQuery, response: { 200: LayoutPage } } },
    async (request) => listLayouts(db, request.query),
  );

  app.post(
    '/layouts',
    { config: { adminArea: 'layouts' }, schema: { tags, summary: 'Create a layout with the default theme', body: CreateLayout, response: { 201: Layout } } },
    async (request, reply) => {
      const row = await db.transaction(async (tx) => {
        const at = app.portal.now();
        const created = await createLayout(tx, request.body.name, actorLogin(request), at);
        await recordAudit(tx, { actor: request.actor, action: 'layout.create', targetType: 'layout', targetId: created.id, after: layoutAuditView(toLayout(created)), at });
        return created;
      });
      reply.code(201).header('etag', layoutEtag(row)).header('location', `/api/v1/layouts/${row.id}`);
      return toLayout(row);
    },
  );

  app.get(
    '/layouts/:id',
    { config: { adminArea: 'layouts' }, schema: { tags, summary: 'A layout: colours, logo, custom CSS (ETag)', params: LayoutParams, response: { 200: Layout } } },
    async (request, reply) => {
      const row = await readLayout(db, request.params.id);
      reply.header('etag', layoutEtag(row));
      return toLayout(row);
    },
  );

  app.put(
    '/layouts/:id',
    {
      config: { adminArea: 'layouts' },
      bodyLimit: DESIGNER_BODY_LIMIT,
      schema: { tags, summary: 'Replace a layout (If-Match); 400 with the rule codes when it is not valid', params: LayoutParams, body: LayoutContent, response: { 200: Layout } },
    },
    async (request, reply) => {
      const row = await db.transaction(async (tx) => {
        const current = await readLayout(tx, request.params.id, true);
        checkIfMatch(request, layoutEtag(current), toLayout(current));
        assertValidLayout(request.body);
        const at = app.portal.now();
        const saved = await saveLayout(tx, current, request.body, actorLogin(request), at);
        await recordAudit(tx, {
          actor: request.actor,
          action: 'layout.update',
          targetType: 'layout',
          targetId: saved.id,
          before: layoutAuditView(toLayout(current)),
          after: layoutAuditView(toLayout(saved)),
          at,
        });
        return saved;
      });
      reply.header('etag', layoutEtag(row));
      return toLayout(row);
    },
  );
};

export default designerRoutes;
