import { Button, Collapse, Group, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconPlugConnectedX, IconPlus, IconRefresh, IconStack2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileInstance, ProfileView } from '../../../../common/contract';
import { EnvironmentBadge } from '../../components/EnvironmentBadge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useProfileInstances } from './instances-api';
import { profileNameLabel } from '../../lib/profile-label';

export interface ProfileInstancesProps {
  profile: ProfileView;
  onAdd(instance: ProfileInstance): void;
}

/** Under a production profile: its test and development instances (service description 2.3: "-test" / "-dev"). */
export function ProfileInstances({ profile, onAdd }: ProfileInstancesProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (profile.environment !== 'prod' || profile.embedded) return null;
  const label = profileNameLabel(profile.id, profile.name, t);
  return (
    <Stack gap="xs" mt="xs">
      <Group>
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconStack2 size={14} aria-hidden />}
          aria-expanded={open}
          onClick={() => setOpen((value) => !value)}
          data-testid="profile-instances-toggle"
        >
          {t(open ? 'connect:instances.hide' : 'connect:instances.show', { name: label })}
        </Button>
      </Group>
      <Collapse in={open}>{open && <InstanceList profile={profile} onAdd={onAdd} />}</Collapse>
    </Stack>
  );
}

function InstanceList({ profile, onAdd }: ProfileInstancesProps) {
  const { t } = useTranslation();
  const instances = useProfileInstances(profile.id, true);
  if (instances.isPending) {
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" aria-hidden />
        <Text size="sm">{t('connect:instances.checking')}</Text>
      </Group>
    );
  }
  if (instances.error) return <ErrorAlert error={instances.error} onRetry={() => void instances.refetch()} />;
  const result = instances.data;
  if (!result.derivable) {
    return (
      <Text size="sm" c="dimmed" data-testid="profile-instances-none">
        {t(`connect:instances.notDerivable.${result.reason}`)}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="profile-instances">
      <Text size="xs" c="dimmed">
        {t('connect:instances.rule')}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {result.instances.map((instance) => (
          <InstanceRow key={instance.environment} instance={instance} onAdd={onAdd} />
        ))}
      </Stack>
      <Group>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRefresh size={14} aria-hidden />}
          loading={instances.isFetching}
          onClick={() => void instances.refetch()}
        >
          {t('connect:instances.checkAgain')}
        </Button>
      </Group>
    </Stack>
  );
}

function InstanceRow({ instance, onAdd }: { instance: ProfileInstance; onAdd(instance: ProfileInstance): void }) {
  const { t } = useTranslation();
  const { probe } = instance;
  return (
    <Group component="li" justify="space-between" wrap="nowrap" data-testid={`instance-${instance.environment}`} data-state={probe.state}>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap="xs">
          <EnvironmentBadge environment={instance.environment} size="sm" />
          <Text size="sm" style={{ wordBreak: 'break-all' }}>
            {instance.url}
          </Text>
        </Group>
        {probe.state === 'reachable' ? (
          <Group gap={4} c="green.8">
            <IconCircleCheck size={14} aria-hidden />
            <Text size="xs">{t('connect:instances.reachable', { version: probe.version, subject: probe.certificate.subject })}</Text>
          </Group>
        ) : (
          <Group gap={4} c="orange.8" wrap="nowrap">
            <IconPlugConnectedX size={14} aria-hidden />
            <Text size="xs" title={probe.message}>
              {t('connect:instances.unreachable', { reason: t(`connect:instances.reasons.${reasonKey(probe.code)}`) })}
            </Text>
          </Group>
        )}
      </Stack>
      {instance.profileId !== null ? (
        <Text size="xs" c="dimmed">
          {t('connect:instances.alreadyProfile')}
        </Text>
      ) : (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          disabled={probe.state !== 'reachable'}
          onClick={() => onAdd(instance)}
        >
          {t('connect:instances.add')}
        </Button>
      )}
    </Group>
  );
}

const KNOWN_REASONS = new Set(['UNREACHABLE', 'TIMEOUT', 'TLS_ERROR', 'SERVER_ERROR', 'MALFORMED_RESPONSE']);

function reasonKey(code: string): string {
  return KNOWN_REASONS.has(code) ? code : 'OTHER';
}
