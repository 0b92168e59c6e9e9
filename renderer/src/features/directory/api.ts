import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SaveDirectorySettings } from '../../../../common/contract';
import type { DirectoryCertificateRequest, DirectoryRun, DirectorySettingsInput, DirectoryStartRun } from '../../../../common/portal-api/directory';
import { callConsole } from '../../lib/console-client';

export const directoryKeys = {
  all: ['directory'] as const,
  settings: () => ['directory', 'settings'] as const,
  runs: () => ['directory', 'runs'] as const,
  run: (id: string) => ['directory', 'runs', id] as const,
};

/** How often a running dry run or sync is asked for its progress. */
export const RUN_POLL_MS = 1000;

export function useDirectorySettings() {
  return useQuery({ queryKey: directoryKeys.settings(), queryFn: () => callConsole('directory:settings', {}) });
}

export function useSaveDirectorySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveDirectorySettings) => callConsole('directory:save', request),
    onSuccess: (saved) => queryClient.setQueryData(directoryKeys.settings(), saved),
  });
}

export function useFetchCertificate() {
  return useMutation({ mutationFn: (request: DirectoryCertificateRequest) => callConsole('directory:certificate', request) });
}

export function useTestConnection() {
  return useMutation({ mutationFn: (settings: DirectorySettingsInput) => callConsole('directory:test', settings) });
}

export function useDirectoryRuns() {
  return useQuery({ queryKey: directoryKeys.runs(), queryFn: () => callConsole('directory:runs', {}) });
}

const isRunning = (run: DirectoryRun | undefined) => run?.state === 'running';

/** One run, asked again every second while it runs; the list refreshes when it ends. */
export function useDirectoryRun(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: directoryKeys.run(id ?? 'none'),
    enabled: id !== null,
    queryFn: async () => {
      const run = await callConsole('directory:run', { id: id! });
      if (!isRunning(run)) void queryClient.invalidateQueries({ queryKey: directoryKeys.runs(), exact: true });
      return run;
    },
    refetchInterval: (query) => (query.state.data === undefined || isRunning(query.state.data) ? RUN_POLL_MS : false),
    staleTime: 0,
    // A run's progress keeps coming while the console is in the background: its end refreshes the list.
    refetchIntervalInBackground: true,
  });
}

export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: DirectoryStartRun) => callConsole('directory:start', request),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: directoryKeys.runs(), exact: true }),
  });
}
