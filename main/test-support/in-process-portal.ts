import { startPortal, type PortalOptions } from '../../portal/server';
import type { EmbeddedPortalLauncher } from '../services/embedded-portal';

/** Tests only: the embedded portal in this process (in memory) instead of a child process. */
export function inProcessPortalLauncher(options: Partial<PortalOptions> = {}): EmbeddedPortalLauncher {
  return async () => {
    const portal = await startPortal({ memory: true, demo: true, environment: 'dev', ...options });
    return { url: portal.url, spki: portal.spki, stop: () => portal.close() };
  };
}
