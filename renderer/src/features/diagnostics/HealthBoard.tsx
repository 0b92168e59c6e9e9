import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BackupsHealth,
  DatabaseHealth,
  HealthStatus,
  InstanceHealth,
  PortalServerHealth,
  SessionsHealth,
} from '../../../../common/portal-api/instance';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HEALTH_REFRESH_MS, useInstanceHealth } from './api';
import { AvailabilityPanel } from './AvailabilityPanel';
import { formatAgo, formatBytes, formatDuration, formatTimestamp } from './format';
import { Facts, StatusBadge, useNow } from './parts';
import { backupReason, formatBackupAge } from './words';

/** Portal server, database, backups and sessions, measured on the portal and read again every 15 seconds. */
export function HealthBoard() {
  const { t } = useTranslation();
  const health = useInstanceHealth();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('diagnostics:health.heading')}
        </Title>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          loading={health.isFetching}
          onClick={() => void health.refetch()}
        >
          {t('diagnostics:health.refresh')}
        </Button>
      </Group>
      {health.error && <ErrorAlert error={health.error} onRetry={() => void health.refetch()} />}
      {health.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
      {health.data && <Board health={health.data} />}
      <AvailabilityPanel />
      <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
        <Text size="sm">{t('diagnostics:health.providerNote')}</Text>
      </Alert>
    </Stack>
  );
}

function Board({ health }: { health: InstanceHealth }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const { portalServer, database, backups, sessions } = health.components;
  return (
    <Stack gap="md">
      <Card withBorder data-testid="health-overall" data-status={health.status}>
        <Group gap="sm" wrap="nowrap" align="center">
          <StatusBadge status={health.status} size="lg" />
          <Stack gap={2}>
            <Text fw={600}>{t(`diagnostics:health.overall.${health.status}`)}</Text>
            <Text size="sm" c="dimmed" data-testid="health-read-at" aria-live="polite">
              {t('diagnostics:health.readAt', {
                time: formatTimestamp(health.checkedAt, i18n.language),
                relative: formatAgo(health.checkedAt, i18n.language, now),
              })}{' '}
              {t('diagnostics:health.autoRefresh', { seconds: HEALTH_REFRESH_MS / 1000 })}
            </Text>
          </Stack>
        </Group>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <PortalServerCard component={portalServer} />
        <DatabaseCard component={database} />
        <BackupsCard component={backups} />
        <SessionsCard component={sessions} />
      </SimpleGrid>
    </Stack>
  );
}

function ComponentCard(props: { testId: string; title: string; status: HealthStatus; reason: string; detail: string; children: ReactNode }) {
  return (
    <Card withBorder data-testid={props.testId} data-status={props.status}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={3} size="h4">
          {props.title}
        </Title>
        <StatusBadge status={props.status} />
      </Group>
      <Text size="sm" mb="sm" title={props.detail}>
        {props.reason}
      </Text>
      {props.children}
    </Card>
  );
}

function PortalServerCard({ component }: { component: PortalServerHealth }) {
  const { t, i18n } = useTranslation();
  const { memory } = component;
  const percent = memory.heapLimitBytes > 0 ? Math.round((memory.heapUsedBytes / memory.heapLimitBytes) * 100) : 0;
  return (
    <ComponentCard
      testId="health-portal-server"
      title={t('diagnostics:health.portalServer.title')}
      status={component.status}
      reason={t(`diagnostics:health.portalServer.reason.${component.reason}`)}
      detail={component.detail}
    >
      <Facts
        rows={[
          [t('diagnostics:health.portalServer.version'), component.version],
          [t('diagnostics:health.portalServer.node'), component.node],
          [t('diagnostics:health.portalServer.uptime'), formatDuration(component.uptimeSeconds * 1000, i18n.language)],
          [t('diagnostics:health.portalServer.rss'), formatBytes(memory.rssBytes, i18n.language)],
          [
            t('diagnostics:health.portalServer.heap'),
            t('diagnostics:health.portalServer.heapValue', {
              used: formatBytes(memory.heapUsedBytes, i18n.language),
              limit: formatBytes(memory.heapLimitBytes, i18n.language),
              percent,
            }),
          ],
        ]}
      />
    </ComponentCard>
  );
}

function DatabaseCard({ component }: { component: DatabaseHealth }) {
  const { t, i18n } = useTranslation();
  const ms = component.latencyMs === null ? '–' : new Intl.NumberFormat(i18n.language).format(component.latencyMs);
  return (
    <ComponentCard
      testId="health-database"
      title={t('diagnostics:health.database.title')}
      status={component.status}
      reason={t(`diagnostics:health.database.reason.${component.reason}`, { ms })}
      detail={component.detail}
    >
      <Facts
        rows={[
          [t('diagnostics:health.database.engine'), t(`diagnostics:health.database.engines.${component.engine}`)],
          [t('diagnostics:health.database.latency'), t('diagnostics:health.database.latencyValue', { ms })],
          [t('diagnostics:health.database.size'), formatBytes(component.sizeBytes, i18n.language)],
          [t('diagnostics:health.database.server'), component.serverVersion ?? '–'],
        ]}
      />
    </ComponentCard>
  );
}

function BackupsCard({ component }: { component: BackupsHealth }) {
  const { t, i18n } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('diagnostics:health.backups.managedBy'), t(`diagnostics:health.backups.managers.${component.managedBy}`)],
    [t('diagnostics:health.backups.rule'), t('diagnostics:health.backups.ruleValue', { hours: component.intervalHours })],
  ];
  if (component.managedBy === 'portal') {
    rows.push(
      [
        t('diagnostics:health.backups.lastSuccess'),
        component.lastSuccessAt === null ? t('diagnostics:health.backups.never') : formatTimestamp(component.lastSuccessAt, i18n.language),
      ],
      [t('diagnostics:health.backups.age'), formatBackupAge(component.ageHours, t, i18n.language)],
    );
  }
  return (
    <ComponentCard
      testId="health-backups"
      title={t('diagnostics:health.backups.title')}
      status={component.status}
      reason={backupReason(component, t, i18n.language)}
      detail={component.detail}
    >
      {component.running && (
        <Text size="sm" c="blue" mb="xs">
          {t('diagnostics:health.backups.running')}
        </Text>
      )}
      <Facts rows={rows} />
    </ComponentCard>
  );
}

function SessionsCard({ component }: { component: SessionsHealth }) {
  const { t } = useTranslation();
  const reason =
    component.reason === 'counted'
      ? t('diagnostics:health.sessions.reason.counted', { count: component.active ?? 0 })
      : t('diagnostics:health.sessions.reason.unreadable');
  return (
    <ComponentCard
      testId="health-sessions"
      title={t('diagnostics:health.sessions.title')}
      status={component.status}
      reason={reason}
      detail={component.detail}
    >
      <Facts rows={[[t('diagnostics:health.sessions.active'), component.active ?? '–']]} />
    </ComponentCard>
  );
}
