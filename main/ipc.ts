import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channels, type CallResult } from '../common/contract';
import { ConsoleError } from '../common/errors';
import type { Backend } from './backend';

/** The workspace of a window: named by main from the WebContents that sent the call, never by the page. */
export function windowWorkspace(contents: Pick<WebContents, 'id'>): string {
  return `window-${contents.id}`;
}

/**
 * Binds every contract call to ipcMain.handle. Only frames loaded from the console's own renderer may call;
 * the request is parsed with zod in backend.dispatch before any handler sees it. Each call runs in the
 * workspace of the window that sent it; when that window's contents are destroyed, its portal session ends.
 */
export function bindContract(backend: Backend, isTrustedFrameUrl: (url: string) => boolean): () => void {
  const watched = new Set<number>();
  const workspaceOf = (contents: WebContents): string => {
    if (!watched.has(contents.id)) {
      watched.add(contents.id);
      contents.once('destroyed', () => {
        watched.delete(contents.id);
        void backend.closeWorkspace(windowWorkspace(contents));
      });
    }
    return windowWorkspace(contents);
  };
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<CallResult> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedFrameUrl(frameUrl) || !event.sender) {
        return { ok: false, error: new ConsoleError('FORBIDDEN', `Call ${channel} refused from ${frameUrl}`).toJSON() };
      }
      return backend.dispatch(channel, request, workspaceOf(event.sender));
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
