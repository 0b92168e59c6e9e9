import type { FastifyRequest } from 'fastify';
import {
  AvailabilityReport,
  Outage,
  OutageIdParams,
  OutagePage,
  OutageQuery,
  RecordOutageRequest,
  UpdateOutageRequest,
} from '../../common/portal-api/availability';
import { checkIfMatch } from '../http/etag';
import { listOutages, outageEtag, readAvailability, readOutage, recordOutage, toOutage, updateOutage } from '../instance/outages';
import type { FeatureRoutes } from './types';

const tags = ['instance'];

/** Recorded outages and the availability per month against 99.5 % (service description 2.4.5). */
const availabilityRoutes: FeatureRoutes = async (app) => {
  const changeContext = (request: FastifyRequest) => ({ db: app.portal.db, actor: request.actor, now: app.portal.now() });

  app.get(
    '/instance/availability',
    {
      config: { adminArea: 'diagnostics' },
      schema: {
        tags,
        summary: 'Availability of the current month and the 12 before it: critical outages outside announced maintenance, against 99.5 %',
        response: { 200: AvailabilityReport },
      },
    },
    async () => readAvailability(app.portal.db, app.portal.now()),
  );

  app.get(
    '/instance/outages',
    {
      config: { adminArea: 'diagnostics' },
      schema: { tags, summary: 'Recorded outages, newest first', querystring: OutageQuery, response: { 200: OutagePage } },
    },
    async (request) => listOutages(app.portal.db, request.query),
  );

  app.get(
    '/instance/outages/:id',
    { config: { adminArea: 'diagnostics' }, schema: { tags, summary: 'One recorded outage', params: OutageIdParams, response: { 200: Outage } } },
    async (request, reply) => {
      const row = await readOutage(app.portal.db, request.params.id);
      reply.header('etag', outageEtag(row));
      return toOutage(row);
    },
  );

  app.post(
    '/instance/outages',
    {
      config: { adminArea: 'diagnostics' },
      schema: { tags, summary: 'Record an outage (audited); without an end it is ongoing', body: RecordOutageRequest, response: { 201: Outage } },
    },
    async (request, reply) => {
      const row = await recordOutage(changeContext(request), request.body);
      reply.code(201).header('etag', outageEtag(row)).header('location', `/api/v1/instance/outages/${row.id}`);
      return toOutage(row);
    },
  );

  app.patch(
    '/instance/outages/:id',
    {
      config: { adminArea: 'diagnostics' },
      schema: {
        tags,
        summary: 'Close an outage (set its end) or correct it (If-Match, audited)',
        params: OutageIdParams,
        body: UpdateOutageRequest,
        response: { 200: Outage },
      },
    },
    async (request, reply) => {
      const row = await updateOutage(changeContext(request), request.params.id, request.body, (etag, current) =>
        checkIfMatch(request, etag, current),
      );
      reply.header('etag', outageEtag(row));
      return toOutage(row);
    },
  );
};

export default availabilityRoutes;
