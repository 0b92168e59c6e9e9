import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppliedUpdate } from '../../../../common/portal-api/updates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useHistory } from './api';
import { KindBadge } from './parts';
import { windowById } from './schedule';
import { useUpdatesView, windowTitle } from './view';
import { formatZoned, formatZonedRange } from './zoned-format';

/** What was applied when, newest first, server-paged. */
export function HistoryPanel() {
  const { t } = useTranslation();
  const { zone } = useUpdatesView();
  const history = useHistory();
  const entries = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('updates:history.heading')}
      </Title>
      {history.error && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {history.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
      {history.isSuccess && entries.length === 0 && <Text c="dimmed">{t('updates:history.none')}</Text>}
      {entries.length > 0 && (
        <Table striped data-testid="history-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('updates:history.columns.version')}</Table.Th>
              <Table.Th scope="col">{t('updates:history.columns.from')}</Table.Th>
              <Table.Th scope="col">{t('updates:history.columns.applied', { zone })}</Table.Th>
              <Table.Th scope="col">{t('updates:history.columns.duration')}</Table.Th>
              <Table.Th scope="col">{t('updates:history.columns.window')}</Table.Th>
              <Table.Th scope="col">{t('updates:history.columns.outcome')}</Table.Th>
              <Table.Th scope="col">{t('updates:history.columns.notes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <HistoryRow key={entry.id} entry={entry} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {history.hasNextPage && (
        <Group>
          <Button variant="default" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            {t('updates:releases.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function HistoryRow({ entry }: { entry: AppliedUpdate }) {
  const { t } = useTranslation();
  const { zone, language } = useUpdatesView();
  const minutes = Math.round((new Date(entry.finishedAt).getTime() - new Date(entry.appliedAt).getTime()) / 60_000);
  return (
    <Table.Tr data-testid={`history-${entry.version}`}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600}>
            {entry.version}
          </Text>
          <KindBadge kind={entry.kind} />
        </Group>
      </Table.Td>
      <Table.Td>{entry.fromVersion}</Table.Td>
      <Table.Td>{formatZoned(entry.appliedAt, language, zone)}</Table.Td>
      <Table.Td>{t('updates:history.minutes', { count: minutes })}</Table.Td>
      <Table.Td>{entry.windowId === null ? '–' : <HistoryWindow windowId={entry.windowId} />}</Table.Td>
      <Table.Td>
        <Badge color={entry.outcome === 'succeeded' ? 'green' : 'red'} variant="light">
          {t(`updates:history.outcome.${entry.outcome}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{entry.notes}</Table.Td>
    </Table.Tr>
  );
}

/** The window an update was applied in, titled and dated like the calendar shows it. */
function HistoryWindow({ windowId }: { windowId: string }) {
  const { t } = useTranslation();
  const { zone, language, windows } = useUpdatesView();
  const window = windowById(windowId, windows, zone);
  if (!window) return <Text size="sm">{t('updates:history.criticalWindow')}</Text>;
  return (
    <Stack gap={0} data-testid={`history-window-${windowId}`}>
      <Text size="sm">{windowTitle(window, t, language, zone)}</Text>
      <Text size="xs" c="dimmed">
        {formatZonedRange(window.start, window.end, language, zone)}
      </Text>
    </Stack>
  );
}
