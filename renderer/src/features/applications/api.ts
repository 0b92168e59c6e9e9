import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateApplicationRequest, DraftKind, DraftRef, PublishRequest, SaveDraftRequest } from '../../../../common/contract';
import { callConsole } from '../../lib/console-client';

const PAGE_SIZE = 100;

/** Query keys of this area; `applicationsKeys.all` refreshes everything the designer shows. */
export const applicationsKeys = {
  all: ['applications'] as const,
  list: (q: string) => ['applications', 'list', q] as const,
  definition: (applicationId: string) => ['applications', 'definition', applicationId] as const,
  versions: (applicationId: string) => ['applications', 'versions', applicationId] as const,
};

/** Drafts are local files of the signed-in portal; their own area so lists can show "draft" badges. */
export const draftsKeys = {
  all: ['drafts'] as const,
  list: (kind: DraftKind) => ['drafts', 'list', kind] as const,
  one: (ref: DraftRef) => ['drafts', 'one', ref.kind, ref.id] as const,
};

export function useApplications(q: string) {
  return useInfiniteQuery({
    queryKey: applicationsKeys.list(q),
    queryFn: ({ pageParam }) =>
      callConsole('applications:list', { limit: PAGE_SIZE, ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useCreateApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateApplicationRequest) => callConsole('applications:create', request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationsKeys.all }),
  });
}

export function useDefinition(applicationId: string) {
  return useQuery({ queryKey: applicationsKeys.definition(applicationId), queryFn: () => callConsole('applications:definition', { applicationId }) });
}

export function useDraftList(kind: DraftKind) {
  return useQuery({ queryKey: draftsKeys.list(kind), queryFn: () => callConsole('drafts:list', { kind }) });
}

/** The draft as it was on disk when the designer opened; always read fresh. */
export function useDraft(ref: DraftRef) {
  return useQuery({ queryKey: draftsKeys.one(ref), queryFn: () => callConsole('drafts:get', ref), staleTime: 0, gcTime: 0 });
}

export function useSaveDraft() {
  return useMutation({ mutationFn: (request: SaveDraftRequest) => callConsole('drafts:save', request) });
}

export function useDiscardDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ref: DraftRef) => callConsole('drafts:discard', ref),
    onSettled: () => queryClient.invalidateQueries({ queryKey: draftsKeys.all }),
  });
}

export function useVersions(applicationId: string) {
  return useInfiniteQuery({
    queryKey: applicationsKeys.versions(applicationId),
    queryFn: ({ pageParam }) =>
      callConsole('applications:versions', { applicationId, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useLoadVersion() {
  return useMutation({ mutationFn: (request: { applicationId: string; version: number }) => callConsole('applications:version', request) });
}

/** After a publish, successful or refused (412 means our copy of the published version is stale). */
export function usePublish() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PublishRequest) => callConsole('applications:publish', request),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: applicationsKeys.all }),
        queryClient.invalidateQueries({ queryKey: draftsKeys.list('application') }),
      ]),
  });
}
