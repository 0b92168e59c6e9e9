import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type CallResult } from '../common/contract';
import { ConsoleError } from '../common/errors';
import type { Backend } from './backend';

/**
 * Binds every contract call to ipcMain.handle. Only frames loaded from the console's own renderer may call;
 * the request is parsed with zod in backend.dispatch before any handler sees it.
 */
export function bindContract(backend: Backend, isTrustedFrameUrl: (url: string) => boolean): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<CallResult> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedFrameUrl(frameUrl)) {
        return { ok: false, error: new ConsoleError('FORBIDDEN', `Call ${channel} refused from ${frameUrl}`).toJSON() };
      }
      return backend.dispatch(channel, request);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
