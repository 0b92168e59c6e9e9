import { callConsole } from './console-client';

/** The hash parameter a new window or tab starts with: the profile to sign in to ('' = the profile list). */
export const OPEN_PARAM = 'open';

/**
 * "Open another portal": a new console window (Electron, opened by main) or tab (browser mode) with a portal
 * session of its own. The browser host keeps one workspace per tab; the tab opens the console's own page only.
 */
export async function openAnotherPortal(profileId?: string): Promise<void> {
  const { opened } = await callConsole('session:openWorkspace', profileId === undefined ? {} : { profileId });
  if (!opened) window.open(consoleTabUrl(window.location, profileId), '_blank', 'noopener');
}

export function consoleTabUrl(location: Pick<Location, 'origin' | 'pathname'>, profileId: string | undefined): string {
  return `${location.origin}${location.pathname}#/?${OPEN_PARAM}=${encodeURIComponent(profileId ?? '')}`;
}

/**
 * What a window or tab opened by "Open another portal" was opened for: undefined for an ordinary start, ''
 * for the profile list, else a profile id. Such a window never signs in automatically to the last used profile.
 */
export function openedFor(hash: string): string | undefined {
  const query = hash.indexOf('?');
  if (query < 0) return undefined;
  return new URLSearchParams(hash.slice(query + 1)).get(OPEN_PARAM) ?? undefined;
}
