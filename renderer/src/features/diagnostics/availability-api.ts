import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CloseOutageRequest } from '../../../../common/contract';
import type { RecordOutageRequest } from '../../../../common/portal-api/availability';
import { callConsole } from '../../lib/console-client';
import { diagnosticsKeys } from './api';

/** The availability board reads the portal again this often: an ongoing outage keeps counting. */
export const AVAILABILITY_REFRESH_MS = 60_000;

const availabilityKey = () => [...diagnosticsKeys.all, 'availability'] as const;

export function useAvailability() {
  return useQuery({
    queryKey: availabilityKey(),
    queryFn: () => callConsole('instance:availability', {}),
    refetchInterval: AVAILABILITY_REFRESH_MS,
  });
}

export function useRecordOutage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RecordOutageRequest) => callConsole('instance:recordOutage', request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: availabilityKey() }),
  });
}

export function useCloseOutage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CloseOutageRequest) => callConsole('instance:closeOutage', request),
    // A refusal means someone changed it: the refreshed board shows how.
    onSettled: () => queryClient.invalidateQueries({ queryKey: availabilityKey() }),
  });
}
