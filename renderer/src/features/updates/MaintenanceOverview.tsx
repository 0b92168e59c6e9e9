import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBell, IconCalendarEvent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { countdown, nextWindow, remindersDue, upcomingWindows, warningsFor } from './schedule';
import { deferralWarningText, durationText, useUpdatesView, windowTitle } from './view';
import { formatZoned, formatZonedRange } from './zoned-format';

/** The window in progress or the next one, with a countdown to its start. */
export function NextWindowCard() {
  const { t } = useTranslation();
  const { zone, language, now, windows, calendarReady } = useUpdatesView();
  const next = nextWindow(now, windows);
  return (
    <Card withBorder data-testid="next-window">
      <Group gap="xs" mb="sm">
        <IconCalendarEvent size={20} aria-hidden />
        <Title order={2} size="h4">
          {t('updates:next.heading')}
        </Title>
      </Group>
      {!calendarReady && <Text c="dimmed">{t('common:loading')}</Text>}
      {calendarReady && !next && <Text c="dimmed">{t('updates:next.none')}</Text>}
      {next && (
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>{windowTitle(next, t, language, zone)}</Text>
            <Badge color={next.kind === 'critical' ? 'red' : 'blue'} variant="light">
              {t(`updates:calendar.kind.${next.kind}`)}
            </Badge>
          </Group>
          <Text size="sm">{formatZonedRange(next.start, next.end, language, zone)}</Text>
          <Text size="sm" c="dimmed">
            {next.start.getTime() <= now.getTime()
              ? t('updates:next.running', { end: formatZoned(next.end, language, zone) })
              : t('updates:next.startsIn', { duration: durationText(countdown(next.start, now), t) })}
          </Text>
        </Stack>
      )}
    </Card>
  );
}

/** What needs attention now: announced critical maintenance, reminders 7 days ahead, deferrals ending soon. */
export function MaintenanceAlerts() {
  const { t } = useTranslation();
  const view = useUpdatesView();
  const { zone, language, now, windows, releases } = view;
  const critical = upcomingWindows(windows, now).filter((window) => window.kind === 'critical');
  const reminders = remindersDue(now, windows).filter((window) => window.kind === 'monthly');
  const endingDeferrals = releases.filter((release) => release.status === 'available' && warningsFor(release, now).length > 0);
  if (critical.length === 0 && reminders.length === 0 && endingDeferrals.length === 0) return null;
  return (
    <Stack gap="xs">
      {critical.map((window) => (
        <Alert key={window.id} color="red" icon={<IconAlertTriangle aria-hidden />} title={t('updates:alerts.criticalTitle')} data-testid="critical-maintenance">
          <Text size="sm">
            {t('updates:alerts.critical', {
              title: window.title,
              when: formatZonedRange(window.start, window.end, language, zone),
              announced: window.source.announcedAt ? formatZoned(window.source.announcedAt, language, zone) : '–',
            })}
          </Text>
          {window.source.description && <Text size="sm">{window.source.description}</Text>}
        </Alert>
      ))}
      {reminders.map((window) => (
        <Alert key={window.id} color="blue" icon={<IconBell aria-hidden />} title={t('updates:alerts.reminderTitle')} data-testid="maintenance-reminder">
          {t('updates:alerts.reminder', { title: windowTitle(window, t, language, zone), when: formatZonedRange(window.start, window.end, language, zone) })}
        </Alert>
      ))}
      {endingDeferrals.flatMap((release) =>
        warningsFor(release, now).map((warning) => (
          <Alert
            key={`${release.id}-${warning.code}`}
            color={warning.code === 'expired' ? 'red' : 'orange'}
            icon={<IconAlertTriangle aria-hidden />}
            title={t(warning.code === 'expired' ? 'updates:alerts.expiredTitle' : 'updates:alerts.endsSoonTitle')}
          >
            {deferralWarningText(warning, release.version, view, t)}
          </Alert>
        )),
      )}
    </Stack>
  );
}
