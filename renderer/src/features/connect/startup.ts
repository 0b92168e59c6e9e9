import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ProfileView } from '../../../../common/contract';
import { callConsole } from '../../lib/console-client';
import { queryKeys } from '../../lib/query-keys';
import { openedFor } from '../../lib/open-workspace';
import { adoptSession } from '../../lib/session';
import { useUiStore } from '../../lib/ui-store';
import { profilesQuery } from './api';

export type StartupPhase = 'checking' | 'autoSignIn' | 'done';

/**
 * At start: an existing session wins (a reloaded window or tab keeps its own); otherwise the backend signs in
 * to the last used profile with the saved password, if there is one, unless this window was opened by "Open
 * another portal" (it shows that profile's sign-in or the list). A failure lands on the connect screen as a notice.
 */
export function useStartupSession(): StartupPhase {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<StartupPhase>('checking');
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void runStartup(queryClient, setPhase);
  }, [queryClient]);
  return phase;
}

async function runStartup(queryClient: QueryClient, setPhase: (phase: StartupPhase) => void): Promise<void> {
  let contextKey: string | undefined;
  try {
    // Both at once: the connect screen needs the list anyway, and it tells whether an automatic sign-in can happen.
    const profiles = queryClient.ensureQueryData(profilesQuery).catch(() => undefined);
    const current = await callConsole('session:current', {});
    if (current) {
      adoptSession(queryClient, current);
      return;
    }
    const opened = openedFor(window.location.hash);
    if (opened !== undefined) {
      if (opened !== '') useUiStore.getState().openSignIn(opened);
      queryClient.setQueryData(queryKeys.session.current(), null);
      return;
    }
    // Without a saved password the backend would answer null, and only after the local test portal is up when
    // that was the last profile used: the connect screen comes at once instead.
    if (!mayAutoSignIn(await profiles)) {
      queryClient.setQueryData(queryKeys.session.current(), null);
      return;
    }
    setPhase('autoSignIn');
    contextKey = 'connect:startup.autoSignInFailed';
    const session = await callConsole('session:autoSignIn', {});
    if (session) adoptSession(queryClient, session);
    else queryClient.setQueryData(queryKeys.session.current(), null);
  } catch (error) {
    queryClient.setQueryData(queryKeys.session.current(), null);
    useUiStore.getState().setConnectNotice(contextKey ? { error, contextKey } : { error });
  } finally {
    setPhase('done');
  }
}

/** Automatic sign-in needs a profile with a remembered password in the keychain (an unknown list: try it). */
export function mayAutoSignIn(profiles: ProfileView[] | undefined): boolean {
  return profiles === undefined || profiles.some((profile) => profile.rememberPassword && profile.hasStoredPassword && profile.pin !== null);
}

/** The profile automatic sign-in will use, when the list leaves only one candidate. */
export function autoSignInCandidate(profiles: ProfileView[] | undefined): ProfileView | undefined {
  const candidates = (profiles ?? []).filter((profile) => profile.rememberPassword && profile.hasStoredPassword && profile.pin !== null);
  return candidates.length === 1 ? candidates[0] : undefined;
}
