import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconClockPlay, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvailabilityMonth, AvailabilityReport, MonthStatus, Outage } from '../../../../common/portal-api/availability';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAvailability, useCloseOutage } from './availability-api';
import { formatAvailability, formatMinutes, formatMonth } from './availability-format';
import { formatTimestamp } from './format';
import { Facts } from './parts';
import { RecordOutageDialog } from './RecordOutageDialog';

const statusLook: Record<MonthStatus, { color: string; Icon: typeof IconCircleCheck }> = {
  met: { color: 'green', Icon: IconCircleCheck },
  missed: { color: 'red', Icon: IconCircleX },
  on_track: { color: 'blue', Icon: IconClockPlay },
};

/** Colour, icon and word: met, missed, or (the current month) on track. */
function MonthStatusBadge({ status }: { status: MonthStatus }) {
  const { t } = useTranslation();
  const { color, Icon } = statusLook[status];
  return (
    <Badge color={color} variant="light" leftSection={<Icon size={14} aria-hidden />} data-status={status}>
      {t(`diagnostics:availability.status.${status}`)}
    </Badge>
  );
}

/** Availability per month against the 99.5 % of the service description, with the outages behind it. */
export function AvailabilityPanel() {
  const { t } = useTranslation();
  const availability = useAvailability();
  const [recording, setRecording] = useState(false);
  return (
    <Card withBorder data-testid="availability">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={3} size="h4">
            {t('diagnostics:availability.title')}
          </Title>
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setRecording(true)} data-testid="record-outage">
            {t('diagnostics:availability.record.open')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('diagnostics:availability.rule')}
        </Text>
        {availability.error && <ErrorAlert error={availability.error} onRetry={() => void availability.refetch()} />}
        {availability.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
        {availability.data && <Report report={availability.data} />}
      </Stack>
      {recording && <RecordOutageDialog onClose={() => setRecording(false)} />}
    </Card>
  );
}

function Report({ report }: { report: AvailabilityReport }) {
  const [current, ...past] = report.months;
  return (
    <Stack gap="md">
      {report.ongoing.map((outage) => (
        <OngoingOutage key={outage.id} outage={outage} />
      ))}
      {current && <CurrentMonth month={current} timeZone={report.timeZone} />}
      <PastMonths months={past} timeZone={report.timeZone} />
    </Stack>
  );
}

function OngoingOutage({ outage }: { outage: Outage }) {
  const { t, i18n } = useTranslation();
  const close = useCloseOutage();
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t(`diagnostics:availability.ongoing.${outage.severity}`)} data-testid="ongoing-outage">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('diagnostics:availability.ongoing.since', { time: formatTimestamp(outage.start, i18n.language), by: outage.recordedBy })}</Text>
        <Text size="sm">{outage.cause}</Text>
        {close.error && <ErrorAlert error={close.error} onClose={() => close.reset()} />}
        <Button
          size="xs"
          color="red"
          variant="light"
          loading={close.isPending}
          onClick={() => close.mutate({ id: outage.id, updatedAt: outage.updatedAt })}
        >
          {t('diagnostics:availability.ongoing.close')}
        </Button>
      </Stack>
    </Alert>
  );
}

function CurrentMonth({ month, timeZone }: { month: AvailabilityMonth; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const minutes = (value: number) => formatMinutes(value, language);
  return (
    <Stack gap="xs" data-testid="availability-current" data-status={month.status}>
      <Group gap="sm" align="center">
        <Title order={4} size="h5">
          {t('diagnostics:availability.currentMonth', { month: formatMonth(month.from, timeZone, language) })}
        </Title>
        <MonthStatusBadge status={month.status} />
      </Group>
      <Text size="xl" fw={700} data-testid="availability-current-value">
        {formatAvailability(month.availability, language)}
      </Text>
      <Text size="sm" c="dimmed">
        {t('diagnostics:availability.currentNote')}
      </Text>
      <Facts
        rows={[
          [t('diagnostics:availability.downtime'), minutes(month.downtimeMinutes)],
          [t('diagnostics:availability.allowed'), minutes(month.allowedDowntimeMinutes)],
          [
            t('diagnostics:availability.budgetLeft'),
            <span data-testid="availability-budget-left">
              {month.budgetLeftMinutes >= 0 ? minutes(month.budgetLeftMinutes) : t('diagnostics:availability.overBudget', { minutes: minutes(-month.budgetLeftMinutes) })}
            </span>,
          ],
          [t('diagnostics:availability.maintenance'), minutes(month.maintenanceMinutes)],
          [t('diagnostics:availability.excused'), minutes(month.excusedMinutes)],
        ]}
      />
    </Stack>
  );
}

function PastMonths({ months, timeZone }: { months: AvailabilityMonth[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped data-testid="availability-months">
        <Table.Caption>{t('diagnostics:availability.pastCaption', { count: months.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('diagnostics:availability.columns.month')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:availability.columns.availability')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:availability.columns.downtime')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:availability.columns.allowed')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:availability.columns.excused')}</Table.Th>
            <Table.Th scope="col">{t('diagnostics:availability.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {months.map((month) => (
            <Table.Tr key={month.month} data-testid={`availability-month-${month.month}`} data-status={month.status}>
              <Table.Th scope="row">{formatMonth(month.from, timeZone, language)}</Table.Th>
              <Table.Td>{formatAvailability(month.availability, language)}</Table.Td>
              <Table.Td>{formatMinutes(month.downtimeMinutes, language)}</Table.Td>
              <Table.Td>{formatMinutes(month.allowedDowntimeMinutes, language)}</Table.Td>
              <Table.Td>{formatMinutes(month.excusedMinutes, language)}</Table.Td>
              <Table.Td>
                <MonthStatusBadge status={month.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
