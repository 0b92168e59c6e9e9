import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApplicationImportApplyCall, ApplicationImportCall } from '../../../../../common/contract';
import { callConsole } from '../../../lib/console-client';
import { applicationsKeys } from '../api';

export function useExportApplication() {
  return useMutation({ mutationFn: (applicationId: string) => callConsole('applications:export', { applicationId }) });
}

export function useImportPreview() {
  return useMutation({ mutationFn: (request: ApplicationImportCall) => callConsole('applications:importPreview', request) });
}

/** After an import the list and the imported application's definition are read again. */
export function useImportApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ApplicationImportApplyCall) => callConsole('applications:import', request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationsKeys.all }),
  });
}
