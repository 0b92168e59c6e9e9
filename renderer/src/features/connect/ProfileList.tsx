import { ActionIcon, Badge, Button, Card, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { IconAppWindow, IconKey, IconLock, IconLockOpen, IconPencil, IconPlugConnected, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileHealth, ProfileView } from '../../../../common/contract';
import { EnvironmentBadge } from '../../components/EnvironmentBadge';
import { profileNameLabel } from '../../lib/profile-label';
import { ProfileHealthBadge } from './ProfileHealthBadge';

export interface ProfileListProps {
  profiles: ProfileView[];
  busyProfileId: string | null;
  onConnect(profile: ProfileView): void;
  onEdit(profile: ProfileView): void;
  onDelete(profile: ProfileView): void;
  /** Shown at the bottom of a profile's card (a production profile's test and dev instances). */
  footer?(profile: ProfileView): ReactNode;
  /** "Open another portal": this profile in a new window (Electron) or tab (browser mode), with a session of its own. */
  onOpenInNewWindow(profile: ProfileView): void;
  /** The dashboard's health dots (absent while the probes run). */
  healthById?: ReadonlyMap<string, ProfileHealth>;
}

export function ProfileList({ profiles, busyProfileId, onConnect, onEdit, onDelete, onOpenInNewWindow, footer, healthById }: ProfileListProps) {
  const { t } = useTranslation();
  if (profiles.length === 0) return <Text c="dimmed">{t('connect:profiles.empty')}</Text>;
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {profiles.map((profile) => {
        const label = profileNameLabel(profile.id, profile.name, t);
        return (
          <Card key={profile.id} component="li" withBorder padding="sm" data-testid={`profile-${profile.name}`}>
            <Group justify="space-between" wrap="nowrap" align="center">
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Text fw={600}>{label}</Text>
                  <EnvironmentBadge environment={profile.environment} size="sm" />
                  {profile.embedded && label !== t('connect:profiles.embedded') && (
                    <Badge size="sm" variant="outline" color="gray">
                      {t('connect:profiles.embedded')}
                    </Badge>
                  )}
                </Group>
                {profile.starting ? (
                  <Group gap={6} role="status" data-testid="profile-starting">
                    <Loader size={12} aria-hidden />
                    <Text size="sm" c="dimmed">
                      {t('connect:profiles.starting')}
                    </Text>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {profile.url}
                  </Text>
                )}
                {!profile.starting && (
                  <Group gap="md">
                    <PinState profile={profile} />
                    {healthById && <ProfileHealthBadge health={healthById.get(profile.id)} />}
                    {profile.lastLogin && <Text size="xs">{t('connect:dashboard.lastLogin', { login: profile.lastLogin })}</Text>}
                    {profile.hasStoredPassword && (
                      <Group gap={4}>
                        <IconKey size={14} aria-hidden />
                        <Text size="xs">{t('connect:profiles.savedPassword')}</Text>
                      </Group>
                    )}
                  </Group>
                )}
              </Stack>
              <Group gap="xs" wrap="nowrap">
                {!profile.embedded && (
                  <>
                    <Tooltip label={t('connect:profiles.edit', { name: label })}>
                      <ActionIcon variant="subtle" aria-label={t('connect:profiles.edit', { name: label })} onClick={() => onEdit(profile)}>
                        <IconPencil size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('connect:profiles.delete', { name: label })}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('connect:profiles.delete', { name: label })}
                        onClick={() => onDelete(profile)}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </>
                )}
                <Tooltip label={t('connect:profiles.openInNewWindow', { name: label })}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('connect:profiles.openInNewWindow', { name: label })}
                    disabled={profile.starting === true}
                    onClick={() => onOpenInNewWindow(profile)}
                  >
                    <IconAppWindow size={18} aria-hidden />
                  </ActionIcon>
                </Tooltip>
                <Button
                  leftSection={<IconPlugConnected size={16} aria-hidden />}
                  aria-label={t('connect:profiles.connectTo', { name: label })}
                  loading={busyProfileId === profile.id}
                  disabled={profile.starting === true}
                  onClick={() => onConnect(profile)}
                >
                  {t('connect:profiles.connect')}
                </Button>
              </Group>
            </Group>
            {footer?.(profile)}
          </Card>
        );
      })}
    </Stack>
  );
}

function PinState({ profile }: { profile: ProfileView }) {
  const { t } = useTranslation();
  if (profile.pin === null) {
    return (
      <Group gap={4} c="orange.8" data-testid="pin-state" data-pinned="false">
        <IconLockOpen size={14} aria-hidden />
        <Text size="xs">{t('connect:profiles.notPinned')}</Text>
      </Group>
    );
  }
  return (
    <Group gap={4} c="green.8" data-testid="pin-state" data-pinned="true">
      <IconLock size={14} aria-hidden />
      <Text size="xs">{t(profile.backupPin ? 'connect:profiles.pinnedWithBackup' : 'connect:profiles.pinned')}</Text>
    </Group>
  );
}
