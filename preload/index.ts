import { contextBridge, ipcRenderer } from 'electron';
import { channels, type CallResult, type Channel } from '../common/contract';
import { CANCEL_CALL_CHANNEL } from '../common/contract/cancel';

/**
 * window.portalConsole: one function per contract call, nothing else of Electron reaches the page. A call may
 * carry an id, which window.portalConsoleCancel names to cancel it (main aborts what it does for it).
 */
const api = Object.fromEntries(
  channels.map((channel) => [channel, (request: unknown, callId?: number): Promise<CallResult> => ipcRenderer.invoke(channel, request, callId)]),
) as Record<Channel, (request: unknown, callId?: number) => Promise<CallResult>>;

contextBridge.exposeInMainWorld('portalConsole', api);
contextBridge.exposeInMainWorld('portalConsoleCancel', (callId: number): void => ipcRenderer.send(CANCEL_CALL_CHANNEL, callId));
