import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from './app-protocol';

/**
 * No web permission (camera, notifications, clipboard read, HID, …) is ever granted, and every response the
 * session receives over the network carries the console's CSP (app:// answers carry it themselves).
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
