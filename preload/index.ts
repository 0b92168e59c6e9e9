import { contextBridge, ipcRenderer } from 'electron';
import { channels, type CallResult, type Channel } from '../common/contract';

/** window.portalConsole: one function per contract call, nothing else of Electron reaches the page. */
const api = Object.fromEntries(
  channels.map((channel) => [channel, (request: unknown): Promise<CallResult> => ipcRenderer.invoke(channel, request)]),
) as Record<Channel, (request: unknown) => Promise<CallResult>>;

contextBridge.exposeInMainWorld('portalConsole', api);
