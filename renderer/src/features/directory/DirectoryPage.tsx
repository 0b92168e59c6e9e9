import { Alert, Button, Container, Group, Loader, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryRun, DirectoryRunKind } from '../../../../common/portal-api/directory';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useDirectoryRun, useDirectoryRuns, useDirectorySettings, useStartRun } from './api';
import { ConnectionPanel } from './ConnectionPanel';
import { RunReport } from './RunReport';

function RunProgress({ run }: { run: DirectoryRun }) {
  const { t } = useTranslation();
  const share = run.total === 0 ? 0 : (run.processed / run.total) * 100;
  return (
    <Stack gap={4} data-testid="directory-progress">
      <Text size="sm">{t('directory:runs.running', { phase: t(`directory:runs.phases.${run.phase}`) })}</Text>
      <Progress value={run.phase === 'writing' ? share : 0} animated={run.phase !== 'writing'} aria-label={t('directory:runs.progress', { processed: run.processed, total: run.total })} />
      {run.phase === 'writing' && <Text size="xs">{t('directory:runs.progress', { processed: run.processed, total: run.total })}</Text>}
    </Stack>
  );
}

function RecentRuns({ runs, onShow }: { runs: DirectoryRun[]; onShow: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  if (runs.length === 0) return <Text size="sm" c="dimmed">{t('directory:runs.none')}</Text>;
  return (
    <Table data-testid="directory-runs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('directory:runs.columns.started')}</Table.Th>
          <Table.Th>{t('directory:runs.columns.kind')}</Table.Th>
          <Table.Th>{t('directory:runs.columns.by')}</Table.Th>
          <Table.Th>{t('directory:runs.columns.state')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((run) => (
          <Table.Tr key={run.id}>
            <Table.Td>{formatDateTime(run.startedAt, i18n.language)}</Table.Td>
            <Table.Td>{`${t(`directory:runs.kinds.${run.kind}`)} (${t(`directory:runs.triggers.${run.trigger}`)})`}</Table.Td>
            <Table.Td>{run.actorLogin}</Table.Td>
            <Table.Td>{t(`directory:runs.states.${run.state}`)}</Table.Td>
            <Table.Td>
              <Button size="xs" variant="subtle" onClick={() => onShow(run.id)}>
                {t('directory:runs.show')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RunsPanel({ configured }: { configured: boolean }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string | null>(null);
  const runs = useDirectoryRuns();
  const start = useStartRun();
  const current = useDirectoryRun(shown);
  const startRun = (kind: DirectoryRunKind, confirmDisable?: number) =>
    start.mutate(confirmDisable === undefined ? { kind } : { kind, confirmDisable }, { onSuccess: (run) => setShown(run.id) });
  const run = current.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Title order={2}>{t('directory:runs.title')}</Title>
        {!configured && <Text size="sm" c="dimmed">{t('directory:runs.needsSave')}</Text>}
        <Group>
          <Button variant="default" disabled={!configured || run?.state === 'running'} loading={start.isPending} onClick={() => startRun('dry_run')} data-testid="directory-dry-run">
            {t('directory:runs.dryRun')}
          </Button>
          <Button disabled={!configured || run?.state === 'running'} loading={start.isPending} onClick={() => startRun('sync')} data-testid="directory-sync">
            {t('directory:runs.syncNow')}
          </Button>
        </Group>
        {start.error && <Alert color="red">{describeError(start.error, t).message}</Alert>}
        {run?.state === 'running' && <RunProgress run={run} />}
        {run && run.state !== 'running' && <RunReport run={run} confirming={start.isPending} onConfirm={(disable) => startRun('sync', disable)} />}
        <Title order={3}>{t('directory:runs.recent')}</Title>
        {runs.data ? <RecentRuns runs={runs.data.runs} onShow={setShown} /> : <Loader size="sm" />}
      </Stack>
    </Paper>
  );
}

/** Directory import and sync (LDAP / Active Directory): the connection, dry runs, syncs and their reports. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const settings = useDirectorySettings();
  return (
    <Container size="xl" py="md">
      <Stack gap="md">
        <Title order={1}>{t('directory:title')}</Title>
        <Text size="sm">{t('directory:intro')}</Text>
        {settings.error && <Alert color="red">{describeError(settings.error, t).message}</Alert>}
        {settings.data ? (
          <>
            <ConnectionPanel key={settings.data.etag} settings={settings.data.value} etag={settings.data.etag} />
            <RunsPanel configured={settings.data.value.configured} />
          </>
        ) : (
          !settings.error && <Loader />
        )}
      </Stack>
    </Container>
  );
}
