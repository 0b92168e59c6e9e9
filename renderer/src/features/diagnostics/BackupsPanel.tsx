import { Alert, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDatabaseExport, IconDatabaseImport, IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backup, BackupPolicy, BackupStatus } from '../../../../common/portal-api/instance';
import { ErrorAlert } from '../../components/ErrorAlert';
import { diagnosticsKeys, useBackups, useInstanceHealth, useStartBackup } from './api';
import { useDownloadBackup } from './backup-transfer-api';
import { RestoreDialog } from './RestoreDialog';
import { formatBytes, formatDuration, formatTimestamp } from './format';
import { StatusBadge, useNow } from './parts';
import { backupReason } from './words';

const statusColor: Record<BackupStatus, string> = { running: 'blue', succeeded: 'green', failed: 'red' };

/** The 24-hour rule, how this instance is backed up, "back up now" with progress, and the history. */
export function BackupsPanel() {
  const { t } = useTranslation();
  const backups = useBackups();
  const items = backups.data?.pages.flatMap((page) => page.items) ?? [];
  const policy = backups.data?.pages[0]?.policy;
  const start = useStartBackup();
  const running = runningBackup(items, start.data ?? null);
  useRefreshHealthWhenFinished(running);
  const [restoring, setRestoring] = useState<{ backup: Backup | null } | null>(null);
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('diagnostics:backups.heading')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <RuleCard />
        {policy && <PolicyCard policy={policy} />}
      </SimpleGrid>
      {policy?.storage != null && <BackUpNow start={start} running={running} lastDurationMs={lastSuccessfulDuration(items)} />}
      <Group>
        <Button variant="default" color="red" leftSection={<IconDatabaseImport size={16} aria-hidden />} onClick={() => setRestoring({ backup: null })} data-testid="restore-from-file">
          {t('diagnostics:backups.restore.fromFileButton')}
        </Button>
      </Group>
      {restoring && <RestoreDialog backup={restoring.backup} pickFileHere={window.portalConsole === undefined} onClose={() => setRestoring(null)} />}
      {backups.error && <ErrorAlert error={backups.error} onRetry={() => void backups.refetch()} />}
      {backups.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
      {backups.isSuccess && items.length === 0 && <Text c="dimmed">{t('diagnostics:backups.none')}</Text>}
      {items.length > 0 && <HistoryTable items={items} onRestore={(backup) => setRestoring({ backup })} />}
      {backups.hasNextPage && (
        <Group>
          <Button variant="default" loading={backups.isFetchingNextPage} onClick={() => void backups.fetchNextPage()}>
            {t('diagnostics:loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/**
 * The backup in progress: one the history shows running, or the one just started here until the history
 * (whose reload waits while the portal writes the archive) shows it finished.
 */
function runningBackup(items: Backup[], started: Backup | null): Backup | null {
  const listed = items.find((backup) => backup.status === 'running');
  if (listed !== undefined) return listed;
  if (started === null) return null;
  const row = items.find((backup) => backup.id === started.id);
  return row === undefined ? started : null;
}

function lastSuccessfulDuration(items: Backup[]): number | null {
  return items.find((backup) => backup.status === 'succeeded')?.durationMs ?? null;
}

/** When the followed backup ends, the health board's backup age is out of date. */
function useRefreshHealthWhenFinished(running: Backup | null) {
  const queryClient = useQueryClient();
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && running === null) void queryClient.invalidateQueries({ queryKey: diagnosticsKeys.health() });
    wasRunning.current = running !== null;
  }, [running, queryClient]);
}

function RuleCard() {
  const { t, i18n } = useTranslation();
  const health = useInstanceHealth();
  const component = health.data?.components.backups;
  return (
    <Card withBorder data-testid="backup-rule" data-status={component?.status}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={3} size="h4">
          {t('diagnostics:backups.rule.title')}
        </Title>
        {component && <StatusBadge status={component.status} />}
      </Group>
      <Text size="sm" mb="xs">
        {t('diagnostics:backups.rule.text')}
      </Text>
      {health.error && <ErrorAlert error={health.error} onRetry={() => void health.refetch()} />}
      {component && <Text size="sm">{backupReason(component, t, i18n.language)}</Text>}
    </Card>
  );
}

function PolicyCard({ policy }: { policy: BackupPolicy }) {
  const { t } = useTranslation();
  const lines =
    policy.managedBy === 'provider'
      ? [t('diagnostics:backups.policy.provider')]
      : [
          t('diagnostics:backups.policy.portal'),
          policy.storage === 'folder' ? t('diagnostics:backups.policy.folder', { folder: policy.folder }) : t('diagnostics:backups.policy.memory'),
          ...(policy.keep === null ? [] : [t('diagnostics:backups.policy.keep', { count: policy.keep })]),
        ];
  return (
    <Card withBorder data-testid="backup-policy">
      <Title order={3} size="h4" mb="xs">
        {t('diagnostics:backups.policy.title')}
      </Title>
      <Stack gap={4}>
        {lines.map((line) => (
          <Text key={line} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {line}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

/**
 * The portal cannot report how far a dump has got, so the bar is indeterminate (animated) and the text
 * gives the elapsed time against the duration of the last successful backup.
 */
interface BackUpNowProps {
  start: ReturnType<typeof useStartBackup>;
  running: Backup | null;
  lastDurationMs: number | null;
}

function BackUpNow({ start, running, lastDurationMs }: BackUpNowProps) {
  const { t, i18n } = useTranslation();
  const now = useNow(500);
  const busy = running !== null || start.isPending;
  const elapsed = running === null ? 0 : Math.max(0, now - Date.parse(running.startedAt));
  return (
    <Stack gap="xs">
      <Group>
        <Button leftSection={<IconDatabaseExport size={16} aria-hidden />} onClick={() => start.mutate()} loading={start.isPending} disabled={busy}>
          {t('diagnostics:backups.backUpNow')}
        </Button>
      </Group>
      {start.error && <ErrorAlert error={start.error} onClose={() => start.reset()} />}
      {running && (
        <Stack gap={4} data-testid="backup-progress">
          <Progress value={100} animated striped aria-label={t('diagnostics:backups.progressLabel')} />
          <Text size="sm" aria-live="polite">
            {t('diagnostics:backups.running', { elapsed: formatDuration(elapsed, i18n.language) })}{' '}
            {lastDurationMs !== null && t('diagnostics:backups.runningHint', { duration: formatDuration(lastDurationMs, i18n.language) })}
          </Text>
        </Stack>
      )}
      {!running && start.data && <LastOutcome id={start.data.id} />}
    </Stack>
  );
}

/** What became of the backup this page started, once the history shows it finished. */
function LastOutcome({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const backup = useBackups().data?.pages.flatMap((page) => page.items).find((item) => item.id === id);
  if (backup === undefined || backup.status === 'running') return null;
  const succeeded = backup.status === 'succeeded';
  return (
    <Alert color={succeeded ? 'green' : 'red'} variant="light" icon={<IconInfoCircle aria-hidden />} role="status" data-testid="backup-outcome">
      {succeeded
        ? t('diagnostics:backups.succeeded', {
            size: formatBytes(backup.sizeBytes, i18n.language),
            duration: formatDuration(backup.durationMs, i18n.language),
          })
        : t('diagnostics:backups.failed', { error: backup.error ?? '' })}
    </Alert>
  );
}

function HistoryTable({ items, onRestore }: { items: Backup[]; onRestore: (backup: Backup) => void }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped data-testid="backups-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('diagnostics:backups.columns.started')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:backups.columns.trigger')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:backups.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:backups.columns.duration')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:backups.columns.size')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:backups.columns.file')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:backups.columns.by')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:backups.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((backup) => (
            <HistoryRow key={backup.id} backup={backup} onRestore={onRestore} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function HistoryRow({ backup, onRestore }: { backup: Backup; onRestore: (backup: Backup) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-testid="backup-row" data-status={backup.status}>
      <Table.Td>{formatTimestamp(backup.startedAt, i18n.language)}</Table.Td>
      <Table.Td>{t(`diagnostics:backups.trigger.${backup.trigger}`)}</Table.Td>
      <Table.Td>
        <Badge color={statusColor[backup.status]} variant="light" title={backup.error ?? undefined}>
          {t(`diagnostics:backups.statuses.${backup.status}`)}
        </Badge>
        {backup.error && (
          <Text size="xs" c="red" mt={2}>
            {backup.error}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{formatDuration(backup.durationMs, i18n.language)}</Table.Td>
      <Table.Td>{formatBytes(backup.sizeBytes, i18n.language)}</Table.Td>
      <Table.Td>
        <ArchiveCell backup={backup} />
      </Table.Td>
      <Table.Td>{backup.requestedBy ?? t('diagnostics:backups.bySchedule')}</Table.Td>
      <Table.Td>{hasArchive(backup) && <ArchiveActions backup={backup} onRestore={onRestore} />}</Table.Td>
    </Table.Tr>
  );
}

function ArchiveCell({ backup }: { backup: Backup }) {
  const { t } = useTranslation();
  if (backup.file === null) {
    return (
      <Text size="xs" c="dimmed">
        {backup.status === 'running' ? '…' : t('diagnostics:backups.noFile')}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="xs" ff="monospace" td={backup.removedAt ? 'line-through' : undefined} title={backup.sha256 ? `SHA-256 ${backup.sha256}` : undefined}>
        {backup.file}
      </Text>
      {backup.removedAt && (
        <Text size="xs" c="dimmed">
          {t('diagnostics:backups.removed')}
        </Text>
      )}
    </Stack>
  );
}

const hasArchive = (backup: Backup) => backup.status === 'succeeded' && backup.file !== null && backup.removedAt === null;

/** Download streams the archive to a file; restore opens the confirmation. */
function ArchiveActions({ backup, onRestore }: { backup: Backup; onRestore: (backup: Backup) => void }) {
  const { t } = useTranslation();
  const download = useDownloadBackup();
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <Button
          size="compact-sm"
          variant="default"
          leftSection={<IconDownload size={14} aria-hidden />}
          loading={download.isPending}
          onClick={() => download.mutate(backup.id)}
          data-testid="backup-download"
        >
          {t('diagnostics:backups.download')}
        </Button>
        <Button size="compact-sm" variant="default" color="red" onClick={() => onRestore(backup)} data-testid="backup-restore">
          {t('diagnostics:backups.restore.button')}
        </Button>
      </Group>
      {download.data?.kind === 'saved' && (
        <Text size="xs" c="green" role="status">
          {t('diagnostics:backups.saved', { path: download.data.path })}
        </Text>
      )}
      {download.error && <ErrorAlert error={download.error} onClose={() => download.reset()} />}
    </Stack>
  );
}
