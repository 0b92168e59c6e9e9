import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import type { TransferRegistry } from './services/transfers';

/**
 * `/transfers/<id>` on the browser host: a download (GET) or an upload (POST, the body streamed through, never
 * buffered) that a contract call offered. The host's cookie and origin checks run before this.
 */
export async function registerTransferRoutes(app: FastifyInstance, registry: TransferRegistry, origin: () => string): Promise<void> {
  await app.register(async (scope) => {
    // The upload reaches the transfer as the request stream; the host's body limit covers only parsed bodies.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const handle = async (request: import('fastify').FastifyRequest<{ Params: { id: string } }>, reply: import('fastify').FastifyReply) => {
      if (request.method === 'POST' && request.headers.origin !== origin()) return reply.code(403).type('text/plain').send('Wrong origin.\n');
      const transfer = registry.take(request.params.id, request.method);
      if (transfer === null) return reply.code(404).type('text/plain; charset=utf-8').send('This transfer address was used already or has expired.\n');
      const answer = await transfer.run(request.method === 'POST' ? ((request.body as Readable | undefined) ?? null) : null);
      reply.code(answer.status).headers(answer.headers);
      return reply.send(answer.body);
    };
    scope.get<{ Params: { id: string } }>('/transfers/:id', handle);
    scope.post<{ Params: { id: string } }>('/transfers/:id', handle);
  });
}
