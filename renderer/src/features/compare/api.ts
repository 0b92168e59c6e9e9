import { useMutation, useQuery } from '@tanstack/react-query';
import { callConsole } from '../../lib/console-client';

export const compareKeys = { candidates: () => ['compare', 'candidates'] as const };

/** Portals signed in in the console's other windows or tabs; read again when the window gets focus. */
export function useCompareCandidates() {
  return useQuery({ queryKey: compareKeys.candidates(), queryFn: () => callConsole('compare:candidates', {}), refetchOnWindowFocus: true });
}

/** Reads both portals' configuration and application versions and compares them (nothing is kept). */
export function useComparePortals() {
  return useMutation({ mutationFn: (profileId: string) => callConsole('compare:portals', { profileId }) });
}
