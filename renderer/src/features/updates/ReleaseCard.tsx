import { Accordion, Alert, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconInfoCircle, IconLock, IconTool } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReleaseTrack } from '../../../../common/portal-api/common';
import type { Release } from '../../../../common/portal-api/updates';
import { CancelDeferralDialog } from './CancelDeferralDialog';
import { DeferDialog } from './DeferDialog';
import { DeferralDetails } from './DeferralDetails';
import { KindBadge } from './parts';
import { deferralLimit, plannedWindow } from './schedule';
import { useUpdatesView } from './view';
import { formatZoned, formatZonedRange } from './zoned-format';

type OpenDialog = 'defer' | 'cancel' | null;

/** One pending release: what it is and changes, when it lands, and what may be done about it. */
export function ReleaseCard({ release, track }: { release: Release; track: ReleaseTrack }) {
  const { t } = useTranslation();
  const { zone, language, now, windows, calendarReady } = useUpdatesView();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const window = plannedWindow(release, windows, now);
  return (
    <Card withBorder padding="md" data-testid={`release-${release.version}`} component="article" aria-labelledby={`release-${release.id}-title`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={3} size="h4" id={`release-${release.id}-title`}>
                {release.version}
              </Title>
              <KindBadge kind={release.kind} />
            </Group>
            <Text fw={500}>{release.title}</Text>
            <Text size="xs" c="dimmed">
              {t('updates:releases.releasedAt', { date: formatZoned(release.releasedAt, language, zone) })}
            </Text>
          </Stack>
          <ReleaseActions release={release} onOpen={setDialog} />
        </Group>

        {calendarReady && (
          <Group gap={6} wrap="nowrap">
            <IconCalendarEvent size={16} aria-hidden />
            <Text size="sm" data-testid="planned-window">
              {window
                ? t('updates:releases.planned', { when: formatZonedRange(window.start, window.end, language, zone) })
                : t('updates:releases.plannedNone')}
            </Text>
          </Group>
        )}

        <RuleNote release={release} track={track} />
        {release.affectsCustomisations && (
          <Alert color="yellow" variant="light" icon={<IconTool aria-hidden />} p="xs">
            <Text size="sm">{t('updates:releases.customisations')}</Text>
          </Alert>
        )}
        <DeferralDetails release={release} />

        <Accordion variant="contained" chevronPosition="left">
          <Accordion.Item value="details">
            <Accordion.Control>{t('updates:releases.details')}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                <Text size="sm" fw={600}>
                  {t('updates:releases.notes')}
                </Text>
                {release.notes.split(/\n\s*\n/).map((paragraph, index) => (
                  <Text key={index} size="sm">
                    {paragraph}
                  </Text>
                ))}
                <Text size="sm" fw={600}>
                  {t('updates:releases.changes')}
                </Text>
                <List size="sm" spacing={2}>
                  {release.changes.map((change) => (
                    <List.Item key={change}>{change}</List.Item>
                  ))}
                </List>
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
      {dialog === 'defer' && <DeferDialog release={release} onClose={() => setDialog(null)} />}
      {dialog === 'cancel' && <CancelDeferralDialog release={release} onClose={() => setDialog(null)} />}
    </Card>
  );
}

function ReleaseActions({ release, onOpen }: { release: Release; onOpen(dialog: OpenDialog): void }) {
  const { t } = useTranslation();
  if (release.kind !== 'major') return null;
  if (release.deferral === null) {
    return (
      <Button variant="light" onClick={() => onOpen('defer')}>
        {t('updates:releases.defer')}
      </Button>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Button variant="light" onClick={() => onOpen('defer')}>
        {t('updates:releases.extend')}
      </Button>
      <Button variant="light" color="red" onClick={() => onOpen('cancel')}>
        {t('updates:releases.cancel')}
      </Button>
    </Group>
  );
}

/** Why a release can or cannot be deferred, in the words of the service description. */
function RuleNote({ release, track }: { release: Release; track: ReleaseTrack }) {
  const { t } = useTranslation();
  const { zone, language } = useUpdatesView();
  const [icon, text, testId] =
    release.kind === 'security'
      ? [<IconLock key="icon" size={16} aria-hidden />, t('updates:releases.securityNotDeferrable'), 'security-not-deferrable']
      : release.kind === 'minor'
        ? [<IconInfoCircle key="icon" size={16} aria-hidden />, t('updates:releases.minorFollowsTrack', { track: t(`common:track.${track}`) }), 'minor-follows-track']
        : [
            <IconInfoCircle key="icon" size={16} aria-hidden />,
            t('updates:releases.majorDeferrable', { limit: formatZoned(deferralLimit(release, zone), language, zone) }),
            'major-deferrable',
          ];
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      {icon}
      <Text size="sm" c="dimmed" data-testid={testId}>
        {text}
      </Text>
    </Group>
  );
}
