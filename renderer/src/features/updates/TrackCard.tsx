import { Badge, Button, Card, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionedUpdateSettings } from '../../../../common/contract';
import type { ReleaseTrack } from '../../../../common/portal-api/common';
import { ConflictDialog } from '../../components/ConflictDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { preconditionConflict } from '../../lib/errors';
import { useSetTrack, useUpdateSettings } from './api';
import { fieldLabels } from './DeferDialog';
import { trackSwitchEffect } from './schedule';
import { useUpdatesView } from './view';

const otherTrack = (track: ReleaseTrack): ReleaseTrack => (track === 'silent' ? 'steady' : 'silent');

/** The installed version and the release track, with a confirmed switch to the other track. */
export function TrackCard() {
  const { t } = useTranslation();
  const settings = useUpdateSettings();
  const [switching, setSwitching] = useState(false);
  return (
    <Card withBorder data-testid="track-card">
      <Title order={2} size="h4" mb="sm">
        {t('updates:track.heading')}
      </Title>
      {settings.error && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
      {settings.data && (
        <Stack gap="xs">
          <Group gap="xs">
            <Text size="sm" c="dimmed" w={160}>
              {t('updates:track.version')}
            </Text>
            <Text fw={600} data-testid="installed-version">
              {settings.data.value.version}
            </Text>
          </Group>
          <Group gap="xs">
            <Text size="sm" c="dimmed" w={160}>
              {t('updates:track.current')}
            </Text>
            <Badge variant="light" size="lg" data-testid="current-track">
              {t(`common:track.${settings.data.value.track}`)}
            </Badge>
          </Group>
          <Text size="sm">{t(`updates:track.describe.${settings.data.value.track}`)}</Text>
          <Group>
            <Button variant="default" onClick={() => setSwitching(true)}>
              {t('updates:track.switchTo', { track: t(`common:track.${otherTrack(settings.data.value.track)}`) })}
            </Button>
          </Group>
          {switching && <TrackSwitchDialog settings={settings.data} onClose={() => setSwitching(false)} />}
        </Stack>
      )}
    </Card>
  );
}

function TrackSwitchDialog({ settings, onClose }: { settings: VersionedUpdateSettings; onClose(): void }) {
  const { t } = useTranslation();
  const { releases } = useUpdatesView();
  // The state the administrator decided on: a change meanwhile must show up as a conflict.
  const [base] = useState(settings);
  const target = otherTrack(base.value.track);
  const effect = trackSwitchEffect(releases, target);
  const setTrack = useSetTrack();
  const conflict = setTrack.error ? preconditionConflict(setTrack.error) : null;
  const trackName = (track: ReleaseTrack) => t(`common:track.${track}`);

  const confirm = (ifMatch: string) =>
    setTrack.mutate(
      { track: target, ifMatch },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('updates:track.switched', { track: trackName(saved.value.track) }) });
          onClose();
        },
      },
    );

  return (
    <>
      <Modal opened={conflict === null} onClose={onClose} title={t('updates:track.dialogTitle')} data-testid="track-dialog">
        <Stack gap="sm">
          <Text size="sm">{t('updates:track.dialogIntro', { from: trackName(base.value.track), to: trackName(target) })}</Text>
          <Text size="sm">{t(`updates:track.describe.${target}`)}</Text>
          {effect.gained.length > 0 && <ReleaseList label={t('updates:track.gained')} versions={effect.gained.map((r) => `${r.version} ${r.title}`)} />}
          {effect.lost.length > 0 && <ReleaseList label={t('updates:track.lost')} versions={effect.lost.map((r) => `${r.version} ${r.title}`)} />}
          {effect.gained.length === 0 && effect.lost.length === 0 && <Text size="sm">{t('updates:track.noEffect')}</Text>}
          <Text size="sm" c="dimmed">
            {t('updates:track.unchanged')}
          </Text>
          {setTrack.error && conflict === null && <ErrorAlert error={setTrack.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common:actions.cancel')}
            </Button>
            <Button color="orange" loading={setTrack.isPending} onClick={() => confirm(base.etag)}>
              {t('updates:track.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {conflict && (
        <ConflictDialog
          mine={{ ...base.value, track: trackName(target) }}
          theirs={settingsView(conflict.current, trackName)}
          labels={{ title: t('updates:conflict.trackTitle'), keepMine: t('updates:conflict.keepTrack'), fields: fieldLabels(t) }}
          busy={setTrack.isPending}
          onKeepMine={() => confirm(conflict.currentEtag ?? base.etag)}
          onTakeTheirs={onClose}
          onCancel={() => setTrack.reset()}
        />
      )}
    </>
  );
}

function settingsView(current: unknown, trackName: (track: ReleaseTrack) => string): Record<string, unknown> {
  if (typeof current !== 'object' || current === null) return {};
  const value = current as Record<string, unknown>;
  const track = value.track === 'silent' || value.track === 'steady' ? trackName(value.track) : value.track;
  return { version: value.version, track, timeZone: value.timeZone };
}

function ReleaseList({ label, versions }: { label: string; versions: string[] }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <List size="sm">
        {versions.map((version) => (
          <List.Item key={version}>{version}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
