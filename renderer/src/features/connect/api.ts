import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CreateProfile, ProfileView, SignIn, UpdateProfile } from '../../../../common/contract';
import { callConsole } from '../../lib/console-client';
import { queryKeys } from '../../lib/query-keys';
import { adoptSession } from '../../lib/session';
import { preloadShell } from '../../lib/shell-preload';
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
      preloadShell();
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

/** Health of every profile, from the portals' public health endpoint over the pinned connections. */
export function useProfileHealth(enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.profiles.all, 'health'],
    queryFn: () => callConsole('profiles:health', {}),
    enabled,
    staleTime: 30_000,
    refetchInterval: HEALTH_REFRESH_MS,
  });
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
