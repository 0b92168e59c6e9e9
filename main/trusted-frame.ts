/**
 * Only the console's own renderer document may call the contract or be navigated to: the exact file URL,
 * optionally with a hash route (HashRouter). Anything else (another file, a query string, http) is refused.
 */
export function trustedFrameCheck(rendererUrl: string): (url: string) => boolean {
  return (url) => url === rendererUrl || url.startsWith(`${rendererUrl}#`);
}
