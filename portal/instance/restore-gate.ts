import type { FastifyInstance } from 'fastify';
import { problem } from '../http/problem';

/** Seconds a refused writer is told to wait: a restore of a demo-sized portal takes a few seconds. */
export const RESTORE_RETRY_AFTER_SECONDS = 10;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * While a restore runs, the portal refuses every other write (503 with Retry-After); reads go on.
 * One per app, decorated as `app.restoreGate`.
 */
export class RestoreGate {
  private running = false;

  get active(): boolean {
    return this.running;
  }

  /** Closes the gate for the duration of `work`; a second restore meanwhile is refused. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    if (this.running) throw problem(409, 'Conflict', { code: 'restore_running', detail: 'A restore is running already.' });
    this.running = true;
    try {
      return await work();
    } finally {
      this.running = false;
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    restoreGate: RestoreGate;
  }
}

/** Decorates the gate and refuses writes while it is held (the restore's own request is past this hook already). */
export function installRestoreGate(app: FastifyInstance): void {
  const gate = new RestoreGate();
  app.decorate('restoreGate', gate);
  app.addHook('onRequest', async (request) => {
    if (!gate.active || READS.has(request.method)) return;
    throw problem(503, 'Service Unavailable', {
      code: 'restore_running',
      detail: `The portal is restoring a backup and accepts no changes until it has finished; retry in ${RESTORE_RETRY_AFTER_SECONDS} s.`,
      retryAfter: RESTORE_RETRY_AFTER_SECONDS,
      headers: { 'retry-after': String(RESTORE_RETRY_AFTER_SECONDS) },
    });
  });
}
