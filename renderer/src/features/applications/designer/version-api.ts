import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RollbackRequest } from '../../../../../common/contract';
import { callConsole } from '../../../lib/console-client';
import { applicationsKeys, draftsKeys } from '../api';

/** A published version never changes: loaded once per session. */
export function useVersionDefinition(applicationId: string, version: number | null) {
  return useQuery({
    queryKey: [...applicationsKeys.versions(applicationId), 'doc', version] as const,
    queryFn: () => callConsole('applications:version', { applicationId, version: version ?? 1 }),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

/** Publishes a copy of an earlier version as a new one; refreshes what the designer shows either way. */
export function useRollback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RollbackRequest) => callConsole('applications:rollback', request),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: applicationsKeys.all }),
        queryClient.invalidateQueries({ queryKey: draftsKeys.list('application') }),
      ]),
  });
}
