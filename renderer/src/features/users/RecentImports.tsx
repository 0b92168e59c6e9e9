import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconKey, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../../common/portal-api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callConsole } from '../../lib/console-client';
import { formatDateTime } from '../../lib/format';
import { usersKeys } from './api';
import { downloadText } from '../../lib/download';

/** New codes for every account the import created that has no password yet, straight into a file (the portal answers them once). */
async function downloadNewCodes(jobId: string): Promise<string> {
  const file = await callConsole('users:importReissueCodes', { jobId });
  downloadText(file.filename, file.csv);
  return file.filename;
}

/** "New activation codes" for an import's accounts; says where the file went. */
export function NewImportCodes({ jobId, disabled = false }: { jobId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const save = useMutation({ mutationFn: () => downloadNewCodes(jobId) });
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconKey size={14} aria-hidden />}
        loading={save.isPending}
        disabled={disabled}
        onClick={() => save.mutate()}
        data-testid="import-new-codes"
      >
        {t('users:import.recent.newCodes')}
      </Button>
      {save.data !== undefined && (
        <Text size="sm" fw={600} data-testid="import-new-codes-saved">
          {t('users:import.recent.codesSaved', { filename: save.data })}
        </Text>
      )}
      {save.error && <ErrorAlert error={save.error} onClose={() => save.reset()} />}
    </Stack>
  );
}

/**
 * Imports the portal stopped during (crash, restart): what they did, and the two ways on — resume the
 * rest, or new activation codes for the accounts already created (their first codes were never handed out).
 */
export function RecentImports({ onResumed }: { onResumed(job: ImportJob): void }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: usersKeys.importJobs(), queryFn: () => callConsole('users:importJobs', {}) });
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const interrupted = list.data?.jobs.filter((job) => job.state === 'interrupted') ?? [];
  if (interrupted.length === 0) return null;
  return (
    <Alert color="yellow" title={t('users:import.recent.title')} data-testid="recent-imports">
      <Stack gap="xs">
        <Text size="sm">{t('users:import.recent.body')}</Text>
        {interrupted.map((job) => (
          <InterruptedImport key={job.id} job={job} onResumed={onResumed} />
        ))}
      </Stack>
    </Alert>
  );
}

function InterruptedImport({ job, onResumed }: { job: ImportJob; onResumed(job: ImportJob): void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const resume = useMutation({
    mutationFn: () => callConsole('users:importResume', { jobId: job.id }),
    onSuccess: (resumed) => {
      void queryClient.invalidateQueries({ queryKey: usersKeys.importJobs() });
      onResumed(resumed);
    },
  });
  return (
    <Paper withBorder p="xs" data-testid="interrupted-import" data-job={job.id}>
      <Stack gap={6}>
        <Text size="sm" data-testid="interrupted-import-summary">
          {t('users:import.recent.summary', {
            started: formatDateTime(job.startedAt, i18n.language),
            processed: job.processed,
            total: job.total,
            created: job.created,
          })}
        </Text>
        <Group gap="xs" align="flex-start">
          <Button size="xs" leftSection={<IconPlayerPlay size={14} aria-hidden />} loading={resume.isPending} onClick={() => resume.mutate()} data-testid="import-resume">
            {t('users:import.recent.resume')}
          </Button>
          <NewImportCodes jobId={job.id} disabled={job.created === 0} />
        </Group>
        {resume.error && <ErrorAlert error={resume.error} onClose={() => resume.reset()} />}
      </Stack>
    </Paper>
  );
}
