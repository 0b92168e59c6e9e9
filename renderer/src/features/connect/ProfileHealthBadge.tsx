import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProfileHealth } from '../../../../common/contract';

const dotColor: Record<ProfileHealth['state'], string> = {
  ok: 'var(--mantine-color-green-7)',
  untrusted: 'var(--mantine-color-gray-6)',
  unreachable: 'var(--mantine-color-red-7)',
  failed: 'var(--mantine-color-orange-7)',
};

/** Health at a glance: a dot, and what the portal says of itself (version, release track, environment). */
export function ProfileHealthBadge({ health }: { health: ProfileHealth | undefined }) {
  const { t } = useTranslation();
  if (!health) {
    return (
      <Text size="xs" c="dimmed" data-testid="profile-health" data-state="checking">
        {t('connect:dashboard.checking')}
      </Text>
    );
  }
  const label = t(`connect:dashboard.state.${health.state}`);
  const facts =
    health.state === 'ok'
      ? [
          t('connect:dashboard.version', { version: health.version }),
          health.track && t(`connect:dashboard.track.${health.track}`),
          health.environment && t(`common:environment.${health.environment}`),
        ].filter(Boolean)
      : [];
  return (
    <Tooltip label={health.error?.message ?? label} disabled={health.error === null}>
      <Group gap={6} data-testid="profile-health" data-state={health.state}>
        <Box w={10} h={10} style={{ borderRadius: '50%', background: dotColor[health.state] }} aria-hidden />
        <Text size="xs">{[label, ...facts].join(' · ')}</Text>
      </Group>
    </Tooltip>
  );
}
