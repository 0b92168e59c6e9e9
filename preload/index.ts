import { contextBridge, ipcRenderer } from 'electron';
import type { CallResult, Channel } from '../common/contract';
import { channelNames } from '../common/contract/channel-names';
import { CANCEL_CALL_CHANNEL } from '../common/contract/cancel';

/**
 * window.portalConsole: one function per contract call, nothing else of Electron reaches the page. A call may
 * carry an id, which window.portalConsoleCancel names to cancel it (main aborts what it does for it).
 */
const api = Object.fromEntries(
  channelNames.map((channel) => [channel, (request: unknown, callId?: number): Promise<CallResult> => ipcRenderer.invoke(channel, request, callId)]),
) as Record<Channel, (request: unknown, callId?: number) => Promise<CallResult>>;

contextBridge.exposeInMainWorld('portalConsole', api);
contextBridge.exposeInMainWorld('portalConsoleCancel', (callId: number): void => ipcRenderer.send(CANCEL_CALL_CHANNEL, callId));
