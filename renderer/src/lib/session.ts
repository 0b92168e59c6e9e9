import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SessionState } from '../../../common/contract';
import { callConsole } from './console-client';
import { errorCodeOf } from './errors';
import { queryKeys, sessionIndependentAreas } from './query-keys';
import { useUiStore } from './ui-store';

/** The signed-in session; `null` when signed out. Filled by the start-up sequence and sign-in. */
export function useSession(enabled = true) {
  return useQuery({
    queryKey: queryKeys.session.current(),
    queryFn: () => callConsole('session:current', {}),
    staleTime: Infinity,
    enabled,
  });
}

export function useAppInfo() {
  return useQuery({
    queryKey: queryKeys.app.info(),
    queryFn: () => callConsole('app:info', {}),
    staleTime: Infinity,
  });
}

export function usePortalInfo() {
  return useQuery({ queryKey: queryKeys.portal.info(), queryFn: () => callConsole('portal:info', {}) });
}

/** Makes `session` the current one (after sign-in or password change). */
export function adoptSession(queryClient: QueryClient, session: SessionState): void {
  queryClient.setQueryData(queryKeys.session.current(), session);
  // The overview's portal card shows what the sign-in brought at once (its query still refreshes it).
  queryClient.setQueryData(queryKeys.portal.info(), session.portal);
  // Stale, not fetched now: the connect screen that shows them is leaving, and the next one to mount fetches them.
  void queryClient.invalidateQueries({ queryKey: queryKeys.profiles.all, refetchType: 'none' });
}

/** Drops the session and every cached answer that belonged to it; the connect screen appears. */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.setQueryData(queryKeys.session.current(), null);
  queryClient.removeQueries({
    predicate: (query) => !sessionIndependentAreas.includes(String(query.queryKey[0])),
  });
  void queryClient.invalidateQueries({ queryKey: queryKeys.profiles.all });
}

const sessionLossCodes = new Set(['SESSION_EXPIRED', 'NOT_SIGNED_IN']);

/** Global query/mutation error hook: an expired session sends the user back to sign in, saying why. */
export function handleSessionLoss(queryClient: QueryClient, error: unknown): void {
  if (!sessionLossCodes.has(errorCodeOf(error))) return;
  if (!queryClient.getQueryData(queryKeys.session.current())) return;
  useUiStore.getState().setConnectNotice({ error });
  forgetSession(queryClient);
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callConsole('session:signOut', {}),
    // The portal still holds the token (it could not be told): the connect screen says so.
    onError: (error) => useUiStore.getState().setConnectNotice({ error, contextKey: 'connect:signOut.notRevoked' }),
    // Even if the portal cannot be told, the local session ends.
    onSettled: () => forgetSession(queryClient),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { currentPassword: string; newPassword: string }) => callConsole('session:changePassword', request),
    onSuccess: (session) => adoptSession(queryClient, session),
  });
}
