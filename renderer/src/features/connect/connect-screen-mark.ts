/** Performance marks of the start-up and the first sign-in, each set once per page: bench/startup.bench.ts reads them. */
export const CONNECT_SCREEN_MARK = 'portal-console:connect-screen';
/** The sign-in form sent its request to the backend. */
export const SIGN_IN_SENT_MARK = 'portal-console:sign-in-sent';
/** The backend answered the sign-in (the portal signed in, the profile saved). */
export const SIGN_IN_ANSWERED_MARK = 'portal-console:sign-in-answered';
/** The signed-in shell is in the document, the portal's name with it. */
export const SIGNED_IN_SHELL_MARK = 'portal-console:signed-in-shell';

function markOnce(name: string): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name).length > 0) return;
  performance.mark(name);
}

export function markConnectScreen(): void {
  markOnce(CONNECT_SCREEN_MARK);
}

export const markSignInSent = () => markOnce(SIGN_IN_SENT_MARK);
export const markSignInAnswered = () => markOnce(SIGN_IN_ANSWERED_MARK);
export const markSignedInShell = () => markOnce(SIGNED_IN_SHELL_MARK);
