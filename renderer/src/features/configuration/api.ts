import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConfigurationApplyCall, ConfigurationPreviewCall } from '../../../../common/contract';
import { callConsole } from '../../lib/console-client';

export function useExportConfiguration() {
  return useMutation({ mutationFn: () => callConsole('configuration:export', {}) });
}

export function usePreviewImport() {
  return useMutation({ mutationFn: (request: ConfigurationPreviewCall) => callConsole('configuration:preview', request) });
}

/** After an apply every area may show something else: everything cached is read again. */
export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ConfigurationApplyCall) => callConsole('configuration:apply', request),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
