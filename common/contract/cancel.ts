/**
 * Cancelling a call in flight (see main/services/call-signal.ts). Electron: the preload sends the call's id on
 * this IPC channel; browser mode: the transport sends `{cancel: id}` on its socket.
 */
export const CANCEL_CALL_CHANNEL = 'contract:cancel';
