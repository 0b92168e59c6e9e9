import { Accordion, Alert, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconInfoCircle, IconLock, IconTool } from '@tabler/icons-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReleaseTrack } from '../../../../common/portal-api/common';
import type { Release } from '../../../../common/portal-api/updates';
import { CancelDeferralDialog } from './CancelDeferralDialog';
import { DeferDialog } from './DeferDialog';
import { DeferralDetails } from './DeferralDetails';
import { KindBadge } from './parts';
import { applyDeadline, deferralClosed, deferralLimit, plannedWindow } from './schedule';
import { useUpdatesView } from './view';
import { formatZoned, formatZonedRange } from './zoned-format';

type OpenDialog = 'defer' | 'cancel' | null;

/** One pending release: what it is and changes, when it lands, and what may be done about it. */
export function ReleaseCard({ release, track }: { release: Release; track: ReleaseTrack }) {
  const { t } = useTranslation();
  const { zone, language, now, windows, calendarReady } = useUpdatesView();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const window = plannedWindow(release, windows, now);
  const closed = deferralClosed(release, now, zone);
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
          <ReleaseActions release={release} closed={closed} onOpen={setDialog} />
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

        <RuleNote release={release} track={track} closed={closed} />
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

/** Id of the note that explains why Defer/Extend is disabled. */
const ruleNoteId = (release: Release) => `release-${release.id}-rule`;

/** Defer, or extend and cancel a deferral; once the limit has passed, Defer/Extend stay disabled (the note says why). */
function ReleaseActions({ release, closed, onOpen }: { release: Release; closed: boolean; onOpen(dialog: OpenDialog): void }) {
  const { t } = useTranslation();
  if (release.kind !== 'major') return null;
  const deferButton = (
    <Button variant="light" disabled={closed} aria-describedby={closed ? ruleNoteId(release) : undefined} onClick={() => onOpen('defer')}>
      {t(release.deferral === null ? 'updates:releases.defer' : 'updates:releases.extend')}
    </Button>
  );
  if (release.deferral === null) return deferButton;
  return (
    <Group gap="xs" wrap="nowrap">
      {deferButton}
      <Button variant="light" color="red" onClick={() => onOpen('cancel')}>
        {t('updates:releases.cancel')}
      </Button>
    </Group>
  );
}

type RuleNoteContent = { icon: 'lock' | 'info'; text: string; testId: string };

/** Why a release can or cannot be deferred, in the words of the service description. */
function ruleNoteContent(release: Release, track: ReleaseTrack, closed: boolean, view: { zone: string; language: string }, t: TFunction): RuleNoteContent {
  const { zone, language } = view;
  if (release.kind === 'security') return { icon: 'lock', text: t('updates:releases.securityNotDeferrable'), testId: 'security-not-deferrable' };
  if (release.kind === 'minor') {
    return { icon: 'info', text: t('updates:releases.minorFollowsTrack', { track: t(`common:track.${track}`) }), testId: 'minor-follows-track' };
  }
  const limit = formatZoned(deferralLimit(release, zone), language, zone);
  if (closed) return { icon: 'lock', text: t('updates:releases.deferralClosed', { limit }), testId: 'deferral-closed' };
  const deadline = formatZoned(applyDeadline(release, zone), language, zone);
  return { icon: 'info', text: t('updates:releases.majorDeferrable', { limit, deadline }), testId: 'major-deferrable' };
}

function RuleNote({ release, track, closed }: { release: Release; track: ReleaseTrack; closed: boolean }) {
  const { t } = useTranslation();
  const view = useUpdatesView();
  const { icon, text, testId } = ruleNoteContent(release, track, closed, view, t);
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      {icon === 'lock' ? <IconLock size={16} aria-hidden /> : <IconInfoCircle size={16} aria-hidden />}
      <Text size="sm" c="dimmed" data-testid={testId} id={ruleNoteId(release)}>
        {text}
      </Text>
    </Group>
  );
}
