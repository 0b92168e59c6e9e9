import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateProfile, ProfileView, SignIn, UpdateProfile } from '../../../../common/contract';
import { callConsole } from '../../lib/console-client';
import { queryKeys } from '../../lib/query-keys';
import { adoptSession } from '../../lib/session';
import { markSignInAnswered, markSignInSent } from './connect-screen-mark';

const STARTING_POLL_MS = 300;

/** The profile list's query, shared by the connect screen and the start-up sequence (one call serves both). */
export const profilesQuery = {
  queryKey: queryKeys.profiles.list(),
  queryFn: () => callConsole('profiles:list', {}),
};

export function useProfiles() {
  return useQuery({
    ...profilesQuery,
    // The local test portal comes up beside the console: ask again until it is there.
    refetchInterval: (query) => (query.state.data?.some((profile) => profile.starting) ? STARTING_POLL_MS : false),
  });
}

/** Puts a changed profile into the cached list right away, then refreshes it. */
function useProfileWriteBack() {
  const queryClient = useQueryClient();
  return (profile: ProfileView) => {
    queryClient.setQueryData<ProfileView[]>(queryKeys.profiles.list(), (list) =>
      list?.some((entry) => entry.id === profile.id)
        ? list.map((entry) => (entry.id === profile.id ? profile : entry))
        : [...(list ?? []), profile],
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.profiles.all });
  };
}

export function useCreateProfile() {
  const writeBack = useProfileWriteBack();
  return useMutation({ mutationFn: (request: CreateProfile) => callConsole('profiles:create', request), onSuccess: writeBack });
}

export function useUpdateProfile() {
  const writeBack = useProfileWriteBack();
  return useMutation({ mutationFn: (request: UpdateProfile) => callConsole('profiles:update', request), onSuccess: writeBack });
}

export function useDeleteProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string) => callConsole('profiles:delete', { id: profileId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.profiles.all }),
  });
}

/** Fetches the certificate the portal presents now, without sending credentials. Always fresh. */
export function useInspectCertificate(profileId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.connection.inspect(profileId),
    queryFn: () => callConsole('connection:inspect', { profileId }),
    enabled,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

export function useTrustCertificate() {
  const writeBack = useProfileWriteBack();
  return useMutation({
    mutationFn: (request: { profileId: string; spki: string; slot: 'primary' | 'backup' }) => callConsole('connection:trust', request),
    onSuccess: writeBack,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (request: SignIn) => {
      markSignInSent();
      return callConsole('session:signIn', request);
    },
    onSuccess: (session) => {
      markSignInAnswered();
      adoptSession(queryClient, session);
      const mismatch = session.environmentMismatch;
      if (!mismatch) return;
      const environment = (value: string) => t(`common:environment.${value}`);
      notifications.show({
        id: 'environment-mismatch',
        color: 'orange',
        autoClose: false,
        title: t('connect:signIn.mismatchTitle'),
        message: t('connect:signIn.mismatchBody', { profile: environment(mismatch.profile), portal: environment(mismatch.portal) }),
      });
    },
  });
}

export function useForgetPassword() {
  const writeBack = useProfileWriteBack();
  return useMutation({
    mutationFn: (profileId: string) => callConsole('session:forgetPassword', { profileId }),
    onSuccess: writeBack,
  });
}

const HEALTH_REFRESH_MS = 60_000;
const profileHealthKey = [...queryKeys.profiles.all, 'health'] as const;

/**
 * Health of every profile, from the portals' public health endpoint over the pinned connections. Asked again
 * as soon as a starting portal (the local test portal) is up: what it said while starting is stale at once,
 * and the connection that check opens is the one the sign-in then uses.
 */
export function useProfileHealth(profiles: ProfileView[] | undefined) {
  const queryClient = useQueryClient();
  const health = useQuery({
    queryKey: profileHealthKey,
    queryFn: () => callConsole('profiles:health', {}),
    enabled: profiles !== undefined,
    staleTime: 30_000,
    refetchInterval: HEALTH_REFRESH_MS,
  });
  const starting = profiles?.some((profile) => profile.starting) === true;
  const wasStarting = useRef(starting);
  useEffect(() => {
    if (wasStarting.current && !starting) void queryClient.invalidateQueries({ queryKey: profileHealthKey, exact: true });
    wasStarting.current = starting;
  }, [starting, queryClient]);
  return health;
}

export function useExportProfiles() {
  return useMutation({
    mutationFn: () => callConsole('profiles:export', {}),
    onSuccess: ({ fileName, json }) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      link.download = fileName;
      link.rel = 'noopener';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    },
  });
}

export function useImportProfiles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => callConsole('profiles:import', { json: await file.text() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.profiles.all }),
  });
}
