import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channels, type CallResult } from '../common/contract';
import { CANCEL_CALL_CHANNEL } from '../common/contract/cancel';
import { ConsoleError } from '../common/errors';
import type { CallTarget } from './services/backend-when-ready';
import { CallsInFlight, withCallSignal } from './services/call-signal';

/** The workspace of a window: named by main from the WebContents that sent the call, never by the page. */
export function windowWorkspace(contents: Pick<WebContents, 'id'>): string {
  return `window-${contents.id}`;
}

/**
 * Binds every contract call to ipcMain.handle. Only frames loaded from the console's own renderer may call;
 * the request is parsed with zod in backend.dispatch before any handler sees it. Each call runs in the
 * workspace of the window that sent it; when that window's contents are destroyed, its portal session ends.
 */
export function bindContract(backend: CallTarget, isTrustedFrameUrl: (url: string) => boolean): () => void {
  /** Per window: its workspace is open, and the calls it may still cancel. */
  const watched = new Map<number, CallsInFlight>();
  const watch = (contents: WebContents): CallsInFlight => {
    let calls = watched.get(contents.id);
    if (calls === undefined) {
      const created = new CallsInFlight();
      watched.set(contents.id, created);
      contents.once('destroyed', () => {
        watched.delete(contents.id);
        created.abortAll();
        void backend.closeWorkspace(windowWorkspace(contents));
      });
      calls = created;
    }
    return calls;
  };
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown, callId: unknown): Promise<CallResult> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedFrameUrl(frameUrl) || !event.sender) {
        return { ok: false, error: new ConsoleError('FORBIDDEN', `Call ${channel} refused from ${frameUrl}`).toJSON() };
      }
      const calls = watch(event.sender);
      const workspace = windowWorkspace(event.sender);
      if (!Number.isSafeInteger(callId)) return backend.dispatch(channel, request, workspace);
      const id = callId as number;
      const signal = calls.start(id);
      return withCallSignal(channel, signal, () => backend.dispatch(channel, request, workspace)).finally(() => calls.finish(id, signal));
    });
  }
  const cancel = (event: IpcMainEvent, callId: unknown) => {
    if (Number.isSafeInteger(callId) && isTrustedFrameUrl(event.senderFrame?.url ?? '')) watched.get(event.sender.id)?.abort(callId as number);
  };
  ipcMain.on(CANCEL_CALL_CHANNEL, cancel);
  return () => {
    channels.forEach((channel) => ipcMain.removeHandler(channel));
    ipcMain.removeListener(CANCEL_CALL_CHANNEL, cancel);
  };
}
