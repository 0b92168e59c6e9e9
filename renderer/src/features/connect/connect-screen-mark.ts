/** A performance mark when the connect screen first shows its profiles: bench/startup.bench.ts reads it. */
export const CONNECT_SCREEN_MARK = 'portal-console:connect-screen';

export function markConnectScreen(): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(CONNECT_SCREEN_MARK).length > 0) return;
  performance.mark(CONNECT_SCREEN_MARK);
}
