import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem } from './problem';

/**
 * Aborted once the client has closed the connection before its answer was sent (the console cancelled a search
 * the next keystroke superseded). A route passes it to its queries, which check it before each one: on PGlite's
 * single connection a query nobody waits for would hold up the one that replaced it.
 */
export function clientGoneSignal(request: FastifyRequest, reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const gone = () =>
    controller.abort(problem(499, 'Client Closed Request', { code: 'client_closed', detail: 'The client closed the connection; the request was not run.' }));
  if (request.raw.socket?.destroyed === true) gone();
  else reply.raw.once('close', () => reply.raw.writableFinished || gone());
  return controller.signal;
}
