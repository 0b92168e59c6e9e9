import type { FastifyReply } from 'fastify';
import { ServerLogFollowPage, ServerLogFollowQuery } from '../../common/portal-api/log-follow';
import type { PortalLogStore } from '../logs/log-store';
import type { FeatureRoutes } from './types';

/** The whole time axis: following filters by sequence number only. */
const ALL_TIME = { from: new Date(0), to: new Date(8.64e15) };

function pageAfter(store: PortalLogStore, afterSeq: number, query: ServerLogFollowQuery): ServerLogFollowPage {
  const page = store.query({ ...ALL_TIME, afterSeq, minLevel: query.level, limit: query.limit, contains: query.contains });
  if (page.next !== null) return { items: page.items, lastSeq: page.next, more: true };
  return { items: page.items, lastSeq: Math.max(afterSeq, store.lastSeq), more: false };
}

/** Aborts when the caller goes away or the portal begins to stop, so a held request never outlives either. */
function abortWhenDone(reply: FastifyReply, stopping: AbortSignal): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => controller.abort());
  return AbortSignal.any([controller.signal, stopping]);
}

const logFollowRoutes: FeatureRoutes = async (app) => {
  const stopping = new AbortController();
  app.addHook('preClose', async () => stopping.abort());

  app.get(
    '/logs/follow',
    {
      config: { adminArea: ['diagnostics', 'support'] },
      schema: {
        tags: ['support'],
        summary: 'The server log after a sequence number, held open until a matching entry is logged',
        querystring: ServerLogFollowQuery,
        response: { 200: ServerLogFollowPage },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const store = app.serverLog;
      // No cursor: following begins now. A cursor from before a restart of a portal without a log file:
      // continue from what is there now.
      if (query.after === undefined || query.after > store.lastSeq) return { items: [], lastSeq: store.lastSeq, more: false };
      const signal = abortWhenDone(reply, stopping.signal);
      const deadline = Date.now() + query.waitSeconds * 1000;
      let page = pageAfter(store, query.after, query);
      while (page.items.length === 0 && !signal.aborted && Date.now() < deadline) {
        await store.waitForEntryAfter(page.lastSeq, deadline - Date.now(), signal);
        page = pageAfter(store, page.lastSeq, query);
      }
      return page;
    },
  );
};

export default logFollowRoutes;
