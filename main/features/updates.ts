import { z } from 'zod';
import type { ConsoleHandlers } from '../../common/contract';
import { ConsoleError } from '../../common/errors';
import { AppliedUpdatePage, Deferral, MaintenanceCalendar, ReleasePage, UpdateSettings } from '../../common/portal-api/updates';
import type { BackendContext } from '../context';

type UpdatesChannels =
  | 'updates:settings'
  | 'updates:setTrack'
  | 'updates:releases'
  | 'updates:history'
  | 'updates:defer'
  | 'updates:changeDeferral'
  | 'updates:cancelDeferral'
  | 'maintenance:calendar'
  | 'maintenance:exportCalendar';

const deferralPath = (releaseId: string) => `/updates/releases/${encodeURIComponent(releaseId)}/deferral`;

/** Every change is answered with the new ETag; a portal that drops it would make the next change impossible. */
function requireEtag(etag: string | null, what: string): string {
  if (etag === null) throw new ConsoleError('MALFORMED_RESPONSE', `The portal sent no ETag for ${what}`, { what });
  return etag;
}

/** `attachment; filename="x.ics"` -> `x.ics`; only plain names are taken, anything else gets the fallback. */
export function attachmentFilename(header: string | string[] | undefined, fallback: string): string {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /filename=(?:"([^"]*)"|([^;\s]*))/i.exec(value ?? '');
  const name = match?.[1] ?? match?.[2] ?? '';
  return /^\w[\w.-]*$/.test(name) ? name : fallback;
}

/** Release track, releases and their deferrals, applied-update history, the maintenance calendar and its export. */
export function updatesHandlers(ctx: BackendContext): Pick<ConsoleHandlers, UpdatesChannels> {
  const client = () => ctx.session.client();
  return {
    'updates:settings': async () => {
      const response = await client().get('/updates/settings', UpdateSettings);
      return { etag: requireEtag(response.etag, 'the update settings'), value: response.data };
    },
    'updates:setTrack': async ({ track, ifMatch }) => {
      const response = await client().put('/updates/settings/track', UpdateSettings, { body: { track }, ifMatch });
      // The header shows the track too: keep the session's portal info in step.
      await ctx.session.refreshPortalInfo();
      ctx.log.info('release track changed', { track });
      return { etag: requireEtag(response.etag, 'the update settings'), value: response.data };
    },
    'updates:releases': async (query) => (await client().get('/updates/releases', ReleasePage, { query })).data,
    'updates:history': async (query) => (await client().get('/updates/history', AppliedUpdatePage, { query })).data,
    'updates:defer': async ({ releaseId, until, reason }) => {
      const response = await client().post(deferralPath(releaseId), Deferral, { body: { until, reason } });
      return { etag: requireEtag(response.etag, 'the deferral'), value: response.data };
    },
    'updates:changeDeferral': async ({ releaseId, until, reason, ifMatch }) => {
      const body = reason === undefined ? { until } : { until, reason };
      const response = await client().patch(deferralPath(releaseId), Deferral, { body, ifMatch });
      return { etag: requireEtag(response.etag, 'the deferral'), value: response.data };
    },
    'updates:cancelDeferral': async ({ releaseId, ifMatch }) => {
      await client().delete(deferralPath(releaseId), z.unknown(), { ifMatch });
      return { ok: true as const };
    },
    'maintenance:calendar': async (range) => (await client().get('/maintenance/windows', MaintenanceCalendar, { query: range })).data,
    'maintenance:exportCalendar': async ({ from, to, language }) => {
      const query = { from, to, lang: language };
      const response = await client().text('GET', '/maintenance/calendar.ics', { query, headers: { accept: 'text/calendar' } });
      return {
        filename: attachmentFilename(response.headers['content-disposition'], 'maintenance.ics'),
        contentType: 'text/calendar',
        content: response.data,
      };
    },
  };
}
