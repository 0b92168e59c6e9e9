import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { responseClockState } from '../../../../common/domain/ticket-clock';
import type { TicketSummary } from '../../../../common/portal-api/support';
import { formatDateTime } from '../../lib/format';
import { formatMinutes, useNow } from './format';

type ClockFields = Pick<TicketSummary, 'firstResponseDueAt' | 'responseClock' | 'firstResponseAt' | 'closedAt'>;

function dateOrNull(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

/** The first-response deadline in the user's time zone, or the package's "reasonable effort". */
export function DeadlineText({ ticket }: { ticket: ClockFields }) {
  const { t, i18n } = useTranslation();
  if (ticket.firstResponseDueAt === null) return <Text size="sm" c="dimmed">{t('support:clock.reasonableEffort')}</Text>;
  return (
    <Text size="sm" data-testid="deadline">
      {formatDateTime(ticket.firstResponseDueAt, i18n.language)}
    </Text>
  );
}

/**
 * "Time left" on the ticket's own clock: support minutes (Mon-Fri 09:00-17:00 CET without
 * Baden-Wuerttemberg holidays) or wall-clock minutes for Premium critical (24/7).
 */
export function TimeLeft({ ticket }: { ticket: ClockFields }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const state = responseClockState(
    {
      dueAt: dateOrNull(ticket.firstResponseDueAt),
      clock: ticket.responseClock,
      firstResponseAt: dateOrNull(ticket.firstResponseAt),
      closedAt: dateOrNull(ticket.closedAt),
    },
    now,
  );
  switch (state.kind) {
    case 'reasonable-effort':
      return <Text size="sm" c="dimmed">–</Text>;
    case 'stopped':
      return (
        <Badge color={state.met ? 'green' : 'gray'} variant="light" data-testid="time-left">
          {t(ticket.firstResponseAt !== null ? (state.met ? 'support:clock.answeredInTime' : 'support:clock.answeredLate') : 'support:clock.closed')}
        </Badge>
      );
    case 'overdue':
      return (
        <Badge color="red" variant="filled" data-testid="time-left">
          {Math.round(state.minutesOverdue) < 1
            ? t('support:clock.overdueSince', { at: formatDateTime(state.dueAt.toISOString(), i18n.language) })
            : t(state.clock === '24/7' ? 'support:clock.overdue' : 'support:clock.overdueSupportTime', { duration: formatMinutes(state.minutesOverdue, t) })}
        </Badge>
      );
    case 'running': {
      const label = t(state.clock === '24/7' ? 'support:clock.leftAroundTheClock' : 'support:clock.leftSupportTime', {
        duration: formatMinutes(state.minutesLeft, t),
      });
      return (
        <Group gap={4} wrap="nowrap">
          <Badge color={state.minutesLeft < 60 ? 'orange' : 'blue'} variant="light" data-testid="time-left">
            {label}
          </Badge>
          {state.paused && (
            <Tooltip label={t('support:clock.pausedHint')}>
              <IconClockPause size={16} aria-label={t('support:clock.paused')} />
            </Tooltip>
          )}
        </Group>
      );
    }
  }
}
