import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ExportCalendarRequest } from '../../../../common/contract';
import { EXPORTED_MONTHLY_WINDOWS, nextMonthlyWindowsRange } from '../../../../common/domain/maintenance';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadFile, useExportCalendar } from './api';
import { remindersDue, upcomingWindows, type Window } from './schedule';
import { calendarLanguageOf, useUpdatesView, windowTitle } from './view';
import { formatZoned, formatZonedRange } from './zoned-format';

/** The upcoming maintenance windows in the portal's time zone, and their export as iCalendar. */
export function CalendarPanel({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  const { zone, language, now, windows, calendarReady } = useUpdatesView();
  const exportCalendar = useExportCalendar();
  const upcoming = upcomingWindows(windows, now);
  const dueIds = new Set(remindersDue(now, windows).map((window) => window.id));

  const download = () => {
    const range = nextMonthlyWindowsRange(now, zone);
    const request: ExportCalendarRequest = {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      language: calendarLanguageOf(language),
    };
    exportCalendar.mutate(request, {
      onSuccess: (file) => {
        downloadFile(file);
        notifications.show({ color: 'green', message: t('updates:calendar.exported', { filename: file.filename }) });
      },
    });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h3">
            {t('updates:calendar.heading')}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('updates:calendar.intro')}
          </Text>
          <Text size="sm" c="dimmed" maw={720} data-testid="export-holds">
            {t('updates:calendar.exportHolds', { count: EXPORTED_MONTHLY_WINDOWS })}
          </Text>
        </Stack>
        <Button leftSection={<IconCalendarDown size={18} aria-hidden />} loading={exportCalendar.isPending} onClick={download}>
          {t('updates:calendar.export')}
        </Button>
      </Group>
      {exportCalendar.error && <ErrorAlert error={exportCalendar.error} onClose={() => exportCalendar.reset()} />}
      {error !== null && error !== undefined && <ErrorAlert error={error} onRetry={onRetry} />}
      {!calendarReady && error == null && <Text c="dimmed">{t('common:loading')}</Text>}
      {calendarReady && upcoming.length === 0 && <Text c="dimmed">{t('updates:calendar.none')}</Text>}
      {upcoming.length > 0 && (
        <Table striped highlightOnHover data-testid="calendar-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={120}>
                {t('updates:calendar.columns.kind')}
              </Table.Th>
              <Table.Th scope="col">{t('updates:calendar.columns.title')}</Table.Th>
              <Table.Th scope="col">{t('updates:calendar.columns.when', { zone })}</Table.Th>
              <Table.Th scope="col">{t('updates:calendar.columns.reminder', { zone })}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {upcoming.map((window) => (
              <CalendarRow key={window.id} window={window} reminderDue={dueIds.has(window.id)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function CalendarRow({ window, reminderDue }: { window: Window; reminderDue: boolean }) {
  const { t } = useTranslation();
  const { zone, language, now } = useUpdatesView();
  const running = window.start.getTime() <= now.getTime();
  return (
    <Table.Tr data-testid={`window-${window.id}`}>
      <Table.Td>
        <Badge color={window.kind === 'critical' ? 'red' : 'blue'} variant="light">
          {t(`updates:calendar.kind.${window.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{windowTitle(window, t, language, zone)}</Text>
        {window.source.description && (
          <Text size="xs" c="dimmed">
            {window.source.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={6}>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatZonedRange(window.start, window.end, language, zone)}
          </Text>
          {running && <Badge color="green">{t('updates:calendar.running')}</Badge>}
          {window.source.overlaps && (
            <Badge color="orange" variant="outline">
              {t('updates:calendar.overlaps')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={6}>
          <Text size="sm">{formatZoned(window.reminderAt, language, zone)}</Text>
          {reminderDue && (
            <Badge color="blue" variant="outline">
              {t('updates:calendar.reminderDue')}
            </Badge>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
