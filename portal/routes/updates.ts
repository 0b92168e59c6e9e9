import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PageQuery, Uuid } from '../../common/portal-api/common';
import {
  Announcement,
  AppliedUpdatePage,
  CalendarQuery,
  ChangeDeferralRequest,
  ChangeTrackRequest,
  CreateAnnouncementRequest,
  CreateDeferralRequest,
  Deferral,
  ICalendarQuery,
  MaintenanceCalendar,
  ReleasePage,
  ReleaseQuery,
  UpdateSettings,
} from '../../common/portal-api/updates';
import { checkIfMatch } from '../http/etag';
import { readPortalSettings } from '../settings';
import { cancelDeferral, changeDeferral, createDeferral, readDeferral, type Precondition } from '../updates/deferrals';
import {
  announceCriticalMaintenance,
  announcementEtag,
  calendarRange,
  cancelAnnouncement,
  maintenanceCalendar,
  maintenanceICalendar,
  readAnnouncement,
  toAnnouncement,
} from '../updates/maintenance';
import { deferralEtag, listHistory, listReleases, toDeferral } from '../updates/releases';
import { changeTrack, settingsEtag, toUpdateSettings } from '../updates/track';
import type { FeatureRoutes } from './types';

const ReleaseParams = z.object({ releaseId: Uuid });
const AnnouncementParams = z.object({ id: Uuid });

function ifMatchOf(request: FastifyRequest): Precondition {
  return (etag, current) => checkIfMatch(request, etag, current);
}

/** Release track, releases, deferrals of major releases, applied-update history (tag `updates`). */
const updateRoutes: FeatureRoutes = async (app) => {
  const changeContext = (request: FastifyRequest) => ({ db: app.portal.db, actor: request.actor, now: app.portal.now() });

  app.get(
    '/updates/settings',
    { config: { adminArea: 'updates' }, schema: { tags: ['updates'], summary: 'Version, release track and time zone of the portal', response: { 200: UpdateSettings } } },
    async (_request, reply) => {
      const row = await readPortalSettings(app.portal.db);
      reply.header('etag', settingsEtag(row));
      return toUpdateSettings(row);
    },
  );

  app.put(
    '/updates/settings/track',
    {
      config: { adminArea: 'updates' },
      schema: {
        tags: ['updates'],
        summary: 'Switch the release track (If-Match: the portal settings ETag)',
        body: ChangeTrackRequest,
        response: { 200: UpdateSettings },
      },
    },
    async (request, reply) => {
      const row = await changeTrack(changeContext(request), request.body.track, ifMatchOf(request));
      reply.header('etag', settingsEtag(row));
      return toUpdateSettings(row);
    },
  );

  app.get(
    '/updates/releases',
    {
      config: { adminArea: 'updates' },
      schema: {
        tags: ['updates'],
        summary: 'Releases, newest first; status relative to the current track',
        querystring: ReleaseQuery,
        response: { 200: ReleasePage },
      },
    },
    async (request) => {
      const { track } = await readPortalSettings(app.portal.db);
      return listReleases(app.portal.db, request.query, track);
    },
  );

  app.get(
    '/updates/history',
    { config: { adminArea: 'updates' }, schema: { tags: ['updates'], summary: 'Applied updates, newest first', querystring: PageQuery, response: { 200: AppliedUpdatePage } } },
    async (request) => listHistory(app.portal.db, request.query),
  );

  app.get(
    '/updates/releases/:releaseId/deferral',
    { config: { adminArea: 'updates' }, schema: { tags: ['updates'], summary: 'The deferral of a major release', params: ReleaseParams, response: { 200: Deferral } } },
    async (request, reply) => {
      const row = await readDeferral(app.portal.db, request.params.releaseId);
      reply.header('etag', deferralEtag(row));
      return toDeferral(row);
    },
  );

  app.post(
    '/updates/releases/:releaseId/deferral',
    {
      config: { adminArea: 'updates' },
      schema: {
        tags: ['updates'],
        summary: 'Defer a major release (at most 6 months after its release)',
        params: ReleaseParams,
        body: CreateDeferralRequest,
        response: { 201: Deferral },
      },
    },
    async (request, reply) => {
      const row = await createDeferral(changeContext(request), request.params.releaseId, request.body);
      reply.code(201).header('etag', deferralEtag(row)).header('location', `/api/v1/updates/releases/${row.releaseId}/deferral`);
      return toDeferral(row);
    },
  );

  app.patch(
    '/updates/releases/:releaseId/deferral',
    {
      config: { adminArea: 'updates' },
      schema: {
        tags: ['updates'],
        summary: 'Extend or change a deferral within the limit (If-Match)',
        params: ReleaseParams,
        body: ChangeDeferralRequest,
        response: { 200: Deferral },
      },
    },
    async (request, reply) => {
      const row = await changeDeferral(changeContext(request), request.params.releaseId, request.body, ifMatchOf(request));
      reply.header('etag', deferralEtag(row));
      return toDeferral(row);
    },
  );

  app.delete(
    '/updates/releases/:releaseId/deferral',
    { config: { adminArea: 'updates' }, schema: { tags: ['updates'], summary: 'Cancel a deferral (If-Match)', params: ReleaseParams } },
    async (request, reply) => {
      await cancelDeferral(changeContext(request), request.params.releaseId, ifMatchOf(request));
      return reply.code(204).send();
    },
  );

  await app.register(maintenanceRoutes);
};

/** The maintenance calendar, its iCalendar export and critical announcements (tag `maintenance`). */
const maintenanceRoutes: FeatureRoutes = async (app) => {
  app.get(
    '/maintenance/windows',
    {
      config: { adminArea: 'updates' },
      schema: {
        tags: ['maintenance'],
        summary: 'Monthly and critical maintenance windows intersecting [from, to)',
        querystring: CalendarQuery,
        response: { 200: MaintenanceCalendar },
      },
    },
    async (request) => maintenanceCalendar(app.portal.db, calendarRange(request.query)),
  );

  app.get(
    '/maintenance/calendar.ics',
    {
      config: { adminArea: 'updates' },
      schema: {
        tags: ['maintenance'],
        summary: 'The maintenance windows as iCalendar (RFC 5545), worded in `lang` (de or en)',
        querystring: ICalendarQuery,
      },
    },
    async (request, reply) => {
      const file = await maintenanceICalendar(app.portal.db, calendarRange(request.query), request.query.lang, app.portal.now());
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.content);
    },
  );

  app.post(
    '/maintenance/announcements',
    {
      config: { adminArea: 'updates' },
      schema: {
        tags: ['maintenance'],
        summary: 'Announce critical maintenance (at least 72 hours ahead)',
        body: CreateAnnouncementRequest,
        response: { 201: Announcement },
      },
    },
    async (request, reply) => {
      const row = await announceCriticalMaintenance({ db: app.portal.db, actor: request.actor, now: app.portal.now() }, request.body);
      reply.code(201).header('etag', announcementEtag(row)).header('location', `/api/v1/maintenance/announcements/${row.id}`);
      return toAnnouncement(row);
    },
  );

  app.get(
    '/maintenance/announcements/:id',
    { config: { adminArea: 'updates' }, schema: { tags: ['maintenance'], summary: 'One critical maintenance announcement', params: AnnouncementParams, response: { 200: Announcement } } },
    async (request, reply) => {
      const row = await readAnnouncement(app.portal.db, request.params.id);
      reply.header('etag', announcementEtag(row));
      return toAnnouncement(row);
    },
  );

  app.delete(
    '/maintenance/announcements/:id',
    { config: { adminArea: 'updates' }, schema: { tags: ['maintenance'], summary: 'Withdraw critical maintenance that has not started (If-Match)', params: AnnouncementParams } },
    async (request, reply) => {
      await cancelAnnouncement({ db: app.portal.db, actor: request.actor, now: app.portal.now() }, request.params.id, ifMatchOf(request));
      return reply.code(204).send();
    },
  );
};

export default updateRoutes;
