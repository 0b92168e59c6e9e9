/**
 * Only the console's own renderer document may call the contract or be navigated to: the exact renderer URL
 * (app://console/index.html in the Electron shell), optionally with a hash route (HashRouter). Anything else
 * (another file, another host, a query string, http, file://) is refused.
 */
export function trustedFrameCheck(rendererUrl: string): (url: string) => boolean {
  return (url) => url === rendererUrl || url.startsWith(`${rendererUrl}#`);
}
