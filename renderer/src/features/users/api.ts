import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, VersionedSecurityPolicy, VersionedUser } from '../../../../common/contract';
import type { UserFilter, UserPage } from '../../../../common/portal-api/users';
import { callConsole } from '../../lib/console-client';

export const USER_PAGE_SIZE = 200;
/** The first page of a list or a search: a screenful and more, sooner (later pages are USER_PAGE_SIZE). */
export const USER_FIRST_PAGE_SIZE = 50;

/** Query keys of this area; `usersKeys.all` refreshes everything the users pages show. */
export const usersKeys = {
  all: ['users'] as const,
  lists: () => ['users', 'list'] as const,
  list: (filter: UserFilter) => ['users', 'list', filter] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  groups: () => ['users', 'groups'] as const,
  policy: () => ['users', 'policy'] as const,
  importJob: (jobId: string) => ['users', 'import', jobId] as const,
  importJobs: () => ['users', 'import-jobs'] as const,
};

/**
 * Keyset-paged list; while a new search loads, the previous rows stay on screen. A search superseded by the
 * next keystroke is cancelled (react-query aborts the signal of a query nobody shows any more).
 */
export function useUserList(filter: UserFilter) {
  return useInfiniteQuery({
    queryKey: usersKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      callConsole(
        'users:list',
        { ...filter, ...(pageParam === null ? { limit: USER_FIRST_PAGE_SIZE } : { limit: USER_PAGE_SIZE, cursor: pageParam }) },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page: UserPage) => page.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useUser(id: string | null) {
  return useQuery({
    queryKey: usersKeys.detail(id ?? ''),
    queryFn: () => callConsole('users:get', { id: id as string }),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useGroupOptions() {
  return useQuery({ queryKey: usersKeys.groups(), queryFn: () => callConsole('users:groupOptions', {}), staleTime: 60_000 });
}

/** The policy in force: the editor, and live password checks everywhere a password is chosen. */
export function useSecurityPolicy() {
  return useQuery({ queryKey: usersKeys.policy(), queryFn: () => callConsole('securityPolicy:get', {}) });
}

/** After a change, the saved user replaces the cached detail and every list is refetched. */
function useUserWriteBack() {
  const queryClient = useQueryClient();
  return async (saved?: VersionedUser) => {
    if (saved !== undefined) queryClient.setQueryData(usersKeys.detail(saved.value.id), saved);
    await queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
  };
}

export function useCreateUser() {
  const writeBack = useUserWriteBack();
  return useMutation({
    mutationFn: (request: RequestOf<'users:create'>) => callConsole('users:create', request),
    onSuccess: (saved) => writeBack(saved.user),
  });
}

export function useUpdateUser() {
  const writeBack = useUserWriteBack();
  return useMutation({
    mutationFn: (request: RequestOf<'users:update'>) => callConsole('users:update', request),
    onSuccess: (saved) => writeBack(saved),
  });
}

export function useUnlockUser() {
  const writeBack = useUserWriteBack();
  return useMutation({
    mutationFn: (request: RequestOf<'users:unlock'>) => callConsole('users:unlock', request),
    onSuccess: (saved) => writeBack(saved),
  });
}

export function useResetPassword() {
  const writeBack = useUserWriteBack();
  return useMutation({
    mutationFn: (request: RequestOf<'users:resetPassword'>) => callConsole('users:resetPassword', request),
    onSuccess: (saved) => writeBack(saved.user),
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'users:delete'>) => callConsole('users:delete', request),
    onSuccess: async (_result, request) => {
      queryClient.removeQueries({ queryKey: usersKeys.detail(request.id) });
      await queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
    },
  });
}

export function useSaveSecurityPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'securityPolicy:update'>) => callConsole('securityPolicy:update', request),
    onSuccess: (saved: VersionedSecurityPolicy) => {
      queryClient.setQueryData(usersKeys.policy(), saved);
      // Expiry changes which passwords count as expired in the list.
      return queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
    },
  });
}
