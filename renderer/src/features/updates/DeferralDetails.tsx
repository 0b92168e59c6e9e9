import { Alert, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconHourglass, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Release } from '../../../../common/portal-api/updates';
import { countdown, firstWindowFrom, securitySchedule, warningsFor } from './schedule';
import { deferralWarningText, durationText, useUpdatesView } from './view';
import { formatZoned, formatZonedRange } from './zoned-format';

/** Which security fixes still arrive in which window from now on while `major` is deferred until `until`. */
export function SecuritySchedule({ major, until }: { major: Release; until: Date }) {
  const { t } = useTranslation();
  const { zone, language, now, windows, releases, calendarReady } = useUpdatesView();
  // Without the calendar there are no windows yet: saying none falls within the deferral would be wrong.
  if (!calendarReady) return null;
  const schedule = securitySchedule(major, until, releases, windows, now);
  return (
    <Stack gap={4} data-testid="security-schedule">
      <Group gap={6} wrap="nowrap">
        <IconShieldCheck size={16} aria-hidden />
        <Text size="sm" fw={600}>
          {t('updates:deferral.securityHeading')}
        </Text>
      </Group>
      {schedule.windows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('updates:deferral.noWindows')}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {schedule.windows.map(({ window, securityReleases }) => (
            <List.Item key={window.id} data-testid={`security-window-${window.id}`}>
              <Text span size="sm" fw={500}>
                {formatZonedRange(window.start, window.end, language, zone)}
              </Text>
              {': '}
              {securityReleases.length === 0 ? (
                <Text span size="sm" c="dimmed">
                  {t('updates:deferral.noFixesYet')}
                </Text>
              ) : (
                securityReleases.map(({ release }) => `${release.version} (${release.title})`).join(', ')
              )}
            </List.Item>
          ))}
        </List>
      )}
      {schedule.afterDeferral.length > 0 && (
        <Text size="sm">
          {t('updates:deferral.afterDeferral', { versions: schedule.afterDeferral.map(({ release }) => release.version).join(', ') })}
        </Text>
      )}
    </Stack>
  );
}

/** The window a deferred major release lands in once the deferral ends. */
export function WindowAfterDeferral({ until }: { until: Date }) {
  const { t } = useTranslation();
  const { zone, language, windows, calendarReady } = useUpdatesView();
  const window = firstWindowFrom(until, windows);
  if (!calendarReady) return null;
  return (
    <Text size="sm" data-testid="deferral-apply-window">
      {window
        ? t('updates:deferral.applyIn', { when: formatZonedRange(window.start, window.end, language, zone) })
        : t('updates:deferral.applyInNone')}
    </Text>
  );
}

/** A deferred major release: countdown, warning within 14 days, reason, and what the deferral means. */
export function DeferralDetails({ release }: { release: Release }) {
  const { t } = useTranslation();
  const view = useUpdatesView();
  const { zone, language, now } = view;
  if (release.deferral === null) return null;
  const deferral = release.deferral.value;
  const until = new Date(deferral.until);
  const left = countdown(until, now);
  const warnings = warningsFor(release, now);
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="deferral-details">
      <Stack gap="xs">
        <Group gap="sm" wrap="wrap">
          <IconHourglass size={18} aria-hidden />
          <Title order={4} size="h5">
            {t('updates:deferral.until', { until: formatZoned(until, language, zone) })}
          </Title>
          <Badge color={left.over ? 'red' : warnings.length > 0 ? 'orange' : 'gray'} variant="light" size="lg" tt="none" data-testid="deferral-countdown">
            {left.over ? t('updates:deferral.over') : t('updates:deferral.countdown', { duration: durationText(left, t) })}
          </Badge>
        </Group>
        {warnings.map((warning) => (
          <Alert
            key={warning.code}
            color={warning.code === 'expired' ? 'red' : 'orange'}
            icon={<IconAlertTriangle aria-hidden />}
            title={t(warning.code === 'expired' ? 'updates:alerts.expiredTitle' : 'updates:alerts.endsSoonTitle')}
            data-testid="deferral-warning"
          >
            {deferralWarningText(warning, release.version, view, t)}
          </Alert>
        ))}
        <Text size="sm">{t('updates:deferral.reason', { reason: deferral.reason })}</Text>
        <Text size="xs" c="dimmed">
          {t('updates:deferral.by', { user: deferral.createdBy, date: formatZoned(deferral.createdAt, language, zone) })}
        </Text>
        <WindowAfterDeferral until={until} />
        <SecuritySchedule major={release} until={until} />
      </Stack>
    </Paper>
  );
}
