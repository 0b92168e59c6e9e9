import { Alert, Button, Card, Container, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../../common/contract';
import { EnvironmentBadge } from '../../components/EnvironmentBadge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatRelative } from '../../lib/format';
import { profileNameLabel } from '../../lib/profile-label';
import { usePortalInfo, useSession } from '../../lib/session';
import { useUiStore } from '../../lib/ui-store';

/** Start page: what portal this is and who is signed in until when. */
export function OverviewPage() {
  const { t } = useTranslation();
  const session = useSession().data;
  if (!session) return null;
  return (
    <Container size="lg" py="md">
      <Stack gap="md">
        <Title order={1}>{t('overview:title')}</Title>
        {session.user.mustChangePassword && <MustChangePassword />}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <PortalCard />
          <SessionCard session={session} />
        </SimpleGrid>
      </Stack>
    </Container>
  );
}

function PortalCard() {
  const { t } = useTranslation();
  const portal = usePortalInfo();
  return (
    <Card withBorder data-testid="overview-portal">
      <Title order={2} size="h4" mb="sm">
        {t('overview:portal.heading')}
      </Title>
      {portal.error && <ErrorAlert error={portal.error} onRetry={() => void portal.refetch()} />}
      {portal.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
      {portal.data && (
        <Facts
          rows={[
            [t('overview:portal.name'), portal.data.name],
            [t('overview:portal.version'), portal.data.version],
            [t('overview:portal.track'), t(`common:track.${portal.data.track}`)],
            [t('overview:portal.environment'), <EnvironmentBadge key="env" environment={portal.data.environment} />],
            [t('overview:portal.timeZone'), portal.data.timeZone],
            [t('overview:portal.supportPackage'), t(`common:supportPackage.${portal.data.supportPackage}`)],
          ]}
        />
      )}
    </Card>
  );
}

function SessionCard({ session }: { session: SessionState }) {
  const { t, i18n } = useTranslation();
  const expires = `${formatDateTime(session.expiresAt, i18n.language)} (${formatRelative(session.expiresAt, i18n.language)})`;
  return (
    <Card withBorder data-testid="overview-session">
      <Title order={2} size="h4" mb="sm">
        {t('overview:session.heading')}
      </Title>
      <Facts
        rows={[
          [t('overview:session.user'), session.user.displayName],
          [t('overview:session.login'), session.user.login],
          [t('overview:session.role'), t(session.user.isAdmin ? 'overview:session.admin' : 'overview:session.member')],
          [t('overview:session.profile'), profileNameLabel(session.profileId, session.profileName, t)],
          [t('overview:session.expiresAt'), expires],
        ]}
      />
    </Card>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" layout="fixed">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w="40%">{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function MustChangePassword() {
  const { t } = useTranslation();
  const open = useUiStore((state) => state.openChangePassword);
  return (
    <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('overview:mustChangePassword')}</Text>
        <Button size="xs" onClick={open}>
          {t('app:userMenu.changePassword')}
        </Button>
      </Stack>
    </Alert>
  );
}
