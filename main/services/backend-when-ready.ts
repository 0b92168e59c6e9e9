import type { CallResult } from '../../common/contract';
import { ConsoleError } from '../../common/errors';
import type { Backend } from '../backend';

/** What the contract's binding (main/ipc.ts) needs of the backend. */
export type CallTarget = Pick<Backend, 'dispatch' | 'closeWorkspace'>;

/**
 * The backend's calls before the backend is there: the Electron shell binds the contract and opens its window
 * while the backend's modules still load (issue 14), and a call that comes first waits for it. If the backend
 * cannot start, every call answers INTERNAL with the reason instead of hanging.
 */
export function backendWhenReady(ready: Promise<CallTarget>): CallTarget {
  return {
    dispatch: async (channel, request, workspace): Promise<CallResult> => {
      const backend = await ready.catch((error: unknown) => failedStart(error));
      return backend instanceof ConsoleError ? { ok: false, error: backend.toJSON() } : backend.dispatch(channel, request, workspace);
    },
    closeWorkspace: async (workspace) => {
      const backend = await ready.catch(() => null);
      await backend?.closeWorkspace(workspace);
    },
  };
}

function failedStart(error: unknown): ConsoleError {
  return new ConsoleError('INTERNAL', `The console's backend did not start: ${error instanceof Error ? error.message : String(error)}`);
}
