import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf } from '../../../../common/contract';
import type { ContainerKind, PrincipalRef } from '../../../../common/portal-api/rights';
import { callConsole } from '../../lib/console-client';

const PAGE_SIZE = 100;

/** Query keys of this area; `rightsKeys.all` refreshes everything the rights pages show. */
export const rightsKeys = {
  all: ['rights'] as const,
  principals: (filter: { kind: ContainerKind | null; q: string }) => ['rights', 'principals', filter.kind, filter.q] as const,
  principal: (id: string) => ['rights', 'principal', id] as const,
  members: (id: string) => ['rights', 'members', id] as const,
  impact: (id: string) => ['rights', 'impact', id] as const,
  search: (q: string, kinds: readonly string[]) => ['rights', 'search', q, kinds.join(',')] as const,
  applications: () => ['rights', 'applications'] as const,
  applicationRights: (id: string) => ['rights', 'application', id] as const,
  explain: (applicationId: string, userId: string) => ['rights', 'explain', applicationId, userId] as const,
  effective: (principalId: string) => ['rights', 'effective', principalId] as const,
  functions: () => ['rights', 'functions'] as const,
  orgUnits: () => ['rights', 'org-units'] as const,
  orgUnitMembers: (id: string) => ['rights', 'org-unit-members', id] as const,
};

/** Any change can alter memberships, rights and explanations shown elsewhere on the page: refresh the area. */
function useRefreshRights() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: rightsKeys.all });
}

function pageParams(pageParam: string | null) {
  return { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) };
}

export function usePrincipals(kind: ContainerKind | null, q: string) {
  return useInfiniteQuery({
    queryKey: rightsKeys.principals({ kind, q }),
    queryFn: ({ pageParam }) =>
      callConsole('rights:listPrincipals', { ...pageParams(pageParam), ...(kind ? { kind } : {}), ...(q ? { q } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function usePrincipal(id: string | null) {
  return useQuery({
    queryKey: rightsKeys.principal(id ?? ''),
    queryFn: () => callConsole('rights:getPrincipal', { id: id as string }),
    enabled: id !== null,
  });
}

export function useMembers(id: string) {
  return useInfiniteQuery({
    queryKey: rightsKeys.members(id),
    queryFn: ({ pageParam }) => callConsole('rights:listMembers', { id, ...pageParams(pageParam) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useImpact(id: string) {
  return useQuery({ queryKey: rightsKeys.impact(id), queryFn: () => callConsole('rights:principalImpact', { id }), staleTime: 0 });
}

/** Server-side search for pickers; waits for at least one character. */
export function usePrincipalSearch(q: string, kinds: readonly PrincipalRef['kind'][]) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: rightsKeys.search(trimmed, kinds),
    queryFn: () => callConsole('rights:searchPrincipals', { q: trimmed, kinds: [...kinds], limit: 20 }),
    enabled: trimmed.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useCreatePrincipal() {
  const refresh = useRefreshRights();
  return useMutation({ mutationFn: (request: RequestOf<'rights:createPrincipal'>) => callConsole('rights:createPrincipal', request), onSettled: refresh });
}

export function useUpdatePrincipal() {
  const refresh = useRefreshRights();
  return useMutation({ mutationFn: (request: RequestOf<'rights:updatePrincipal'>) => callConsole('rights:updatePrincipal', request), onSettled: refresh });
}

export function useDeletePrincipal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'rights:deletePrincipal'>) => callConsole('rights:deletePrincipal', request),
    onSuccess: (_result, request) => queryClient.removeQueries({ queryKey: rightsKeys.principal(request.id) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rightsKeys.all }),
  });
}

export function useAddMember() {
  const refresh = useRefreshRights();
  return useMutation({ mutationFn: (request: RequestOf<'rights:addMember'>) => callConsole('rights:addMember', request), onSettled: refresh });
}

export function useRemoveMember() {
  const refresh = useRefreshRights();
  return useMutation({ mutationFn: (request: RequestOf<'rights:removeMember'>) => callConsole('rights:removeMember', request), onSettled: refresh });
}

export function useApplications() {
  return useQuery({ queryKey: rightsKeys.applications(), queryFn: () => callConsole('rights:listApplications', {}) });
}

export function useApplicationRights(applicationId: string | null) {
  return useQuery({
    queryKey: rightsKeys.applicationRights(applicationId ?? ''),
    queryFn: () => callConsole('rights:getApplicationRights', { applicationId: applicationId as string }),
    enabled: applicationId !== null,
  });
}

export function useSaveApplicationRights() {
  const refresh = useRefreshRights();
  return useMutation({
    mutationFn: (request: RequestOf<'rights:saveApplicationRights'>) => callConsole('rights:saveApplicationRights', request),
    onSettled: refresh,
  });
}

export function useExplain(applicationId: string | null, userId: string | null) {
  return useQuery({
    queryKey: rightsKeys.explain(applicationId ?? '', userId ?? ''),
    queryFn: () => callConsole('rights:explain', { applicationId: applicationId as string, userId: userId as string }),
    enabled: applicationId !== null && userId !== null,
    staleTime: 0,
  });
}

export function useEffectiveRights(principalId: string | null) {
  return useQuery({
    queryKey: rightsKeys.effective(principalId ?? ''),
    queryFn: () => callConsole('rights:effective', { principalId: principalId as string }),
    enabled: principalId !== null,
    staleTime: 0,
  });
}

export function useExportMatrix() {
  return useMutation({ mutationFn: () => callConsole('rights:exportMatrix', {}) });
}

export function useFunctionPermissions() {
  return useQuery({ queryKey: rightsKeys.functions(), queryFn: () => callConsole('rights:getFunctionPermissions', {}) });
}

export function useSaveFunctionPermissions() {
  const refresh = useRefreshRights();
  return useMutation({
    mutationFn: (request: RequestOf<'rights:saveFunctionPermissions'>) => callConsole('rights:saveFunctionPermissions', request),
    onSettled: refresh,
  });
}

export function useOrgUnits() {
  return useQuery({ queryKey: rightsKeys.orgUnits(), queryFn: () => callConsole('rights:listOrgUnits', {}) });
}

export function useOrgUnitMembers(id: string) {
  return useInfiniteQuery({
    queryKey: rightsKeys.orgUnitMembers(id),
    queryFn: ({ pageParam }) => callConsole('rights:listOrgUnitMembers', { id, ...pageParams(pageParam) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useCreateOrgUnit() {
  const refresh = useRefreshRights();
  return useMutation({ mutationFn: (request: RequestOf<'rights:createOrgUnit'>) => callConsole('rights:createOrgUnit', request), onSettled: refresh });
}

export function useUpdateOrgUnit() {
  const refresh = useRefreshRights();
  return useMutation({ mutationFn: (request: RequestOf<'rights:updateOrgUnit'>) => callConsole('rights:updateOrgUnit', request), onSettled: refresh });
}

export function useDeleteOrgUnit() {
  const refresh = useRefreshRights();
  return useMutation({ mutationFn: (request: RequestOf<'rights:deleteOrgUnit'>) => callConsole('rights:deleteOrgUnit', request), onSettled: refresh });
}

export function usePlaceInOrgUnit() {
  const refresh = useRefreshRights();
  return useMutation({ mutationFn: (request: RequestOf<'rights:placeInOrgUnit'>) => callConsole('rights:placeInOrgUnit', request), onSettled: refresh });
}

export function useRemoveFromOrgUnit() {
  const refresh = useRefreshRights();
  return useMutation({
    mutationFn: (request: RequestOf<'rights:removeFromOrgUnit'>) => callConsole('rights:removeFromOrgUnit', request),
    onSettled: refresh,
  });
}
