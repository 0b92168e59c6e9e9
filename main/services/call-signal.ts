import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { contract, isChannel } from '../../common/contract';

/**
 * Cancelling a contract call at its source. The renderer aborts a call it no longer wants (a search superseded
 * by the next keystroke); the binding (main/ipc.ts, the browser host's socket) aborts that call's signal, and
 * every portal request made on its behalf (PortalClient reads `callSignal()`) is aborted with it, so the portal
 * can drop the query before it reaches the database.
 *
 * Only 'read' calls are cancelled: a write the renderer stopped waiting for may already have changed the portal,
 * and breaking it off half-way would leave the console unsure which.
 */
const storage = new AsyncLocalStorage<AbortSignal>();

/** Runs one call of `channel` under `signal` (when the channel is a read); everything it awaits sees it. */
export function withCallSignal<T>(channel: string, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (signal === undefined || !cancellable(channel)) return work();
  return storage.run(signal, work);
}

/** The signal of the call in progress, if its caller can cancel it. */
export function callSignal(): AbortSignal | undefined {
  return storage.getStore();
}

export function cancellable(channel: string): boolean {
  return isChannel(channel) && contract[channel].access === 'read';
}

/**
 * The calls in flight on one connection (a browser tab's socket, an Electron window), by the caller's call id:
 * `start` when the call arrives, `abort` when the caller cancels it, `finish` when it was answered.
 */
export class CallsInFlight {
  private readonly controllers = new Map<number, AbortController>();

  start(id: number): AbortSignal {
    const controller = new AbortController();
    this.controllers.get(id)?.abort();
    this.controllers.set(id, controller);
    return controller.signal;
  }

  finish(id: number, signal: AbortSignal): void {
    if (this.controllers.get(id)?.signal === signal) this.controllers.delete(id);
  }

  abort(id: number): void {
    this.controllers.get(id)?.abort(new Error('The caller cancelled the call'));
    this.controllers.delete(id);
  }

  /** The connection is gone: nobody waits for any of its answers. */
  abortAll(): void {
    for (const id of [...this.controllers.keys()]) this.abort(id);
  }

  get size(): number {
    return this.controllers.size;
  }
}

/** The browser transport's cancel message on its socket: `{cancel: <call id>}`. */
export const CancelMessage = z.object({ cancel: z.number().int() }).strict();
