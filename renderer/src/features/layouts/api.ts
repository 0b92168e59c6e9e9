import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SaveLayoutRequest } from '../../../../common/contract';
import type { CreateLayout } from '../../../../common/portal-api/designer';
import { callConsole } from '../../lib/console-client';

const PAGE_SIZE = 100;

export const layoutsKeys = {
  all: ['layouts'] as const,
  list: () => ['layouts', 'list'] as const,
  one: (layoutId: string) => ['layouts', 'one', layoutId] as const,
};

const draftKeys = {
  list: () => ['drafts', 'list', 'layout'] as const,
  one: (layoutId: string) => ['drafts', 'one', 'layout', layoutId] as const,
};

export function useLayouts() {
  return useInfiniteQuery({
    queryKey: layoutsKeys.list(),
    queryFn: ({ pageParam }) => callConsole('layouts:list', { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useLayout(layoutId: string) {
  return useQuery({ queryKey: layoutsKeys.one(layoutId), queryFn: () => callConsole('layouts:get', { layoutId }) });
}

export function useLayoutDrafts() {
  return useQuery({ queryKey: draftKeys.list(), queryFn: () => callConsole('drafts:list', { kind: 'layout' }) });
}

export function useLayoutDraft(layoutId: string) {
  return useQuery({ queryKey: draftKeys.one(layoutId), queryFn: () => callConsole('drafts:get', { kind: 'layout', id: layoutId }), staleTime: 0, gcTime: 0 });
}

export function useCreateLayout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateLayout) => callConsole('layouts:create', request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: layoutsKeys.all }),
  });
}

export function useSaveLayout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveLayoutRequest) => callConsole('layouts:save', request),
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: layoutsKeys.list() }), queryClient.invalidateQueries({ queryKey: draftKeys.list() })]),
  });
}

export function useDiscardLayoutDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (layoutId: string) => callConsole('drafts:discard', { kind: 'layout', id: layoutId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: draftKeys.list() }),
  });
}

/** Applications to show in the preview: the first page of the list is enough to pick from. */
export function usePreviewApplications(enabled: boolean) {
  return useQuery({
    queryKey: ['applications', 'list', 'layout-preview'] as const,
    queryFn: () => callConsole('applications:list', { limit: PAGE_SIZE }),
    enabled,
  });
}

/** The published definition of the application the preview shows. */
export function usePreviewDefinition(applicationId: string | null) {
  return useQuery({
    queryKey: ['applications', 'definition', applicationId] as const,
    queryFn: () => callConsole('applications:definition', { applicationId: applicationId ?? '' }),
    enabled: applicationId !== null,
  });
}
