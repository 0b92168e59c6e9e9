import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminSession } from '../../../../common/portal-api/instance';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useAdminSessions, useRevokeSession } from './api';

/** Active admin sessions; any one can be ended, the console's own after a clear warning. */
export function SessionsPanel() {
  const { t } = useTranslation();
  const sessions = useAdminSessions();
  const [confirming, setConfirming] = useState<AdminSession | null>(null);
  const items = sessions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('diagnostics:sessions.heading')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('diagnostics:sessions.intro')}
      </Text>
      {sessions.error && <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {sessions.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
      {sessions.isSuccess && items.length === 0 && <Text c="dimmed">{t('diagnostics:sessions.none')}</Text>}
      {items.length > 0 && (
        <Table striped data-testid="sessions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('diagnostics:sessions.columns.user')}</Table.Th>
              <Table.Th scope="col">{t('diagnostics:sessions.columns.created')}</Table.Th>
              <Table.Th scope="col">{t('diagnostics:sessions.columns.expires')}</Table.Th>
              <Table.Th scope="col">{t('diagnostics:sessions.columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((session) => (
              <SessionRow key={session.id} session={session} onRevoke={() => setConfirming(session)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {sessions.hasNextPage && (
        <Group>
          <Button variant="default" loading={sessions.isFetchingNextPage} onClick={() => void sessions.fetchNextPage()}>
            {t('diagnostics:loadMore')}
          </Button>
        </Group>
      )}
      {confirming && <RevokeDialog session={confirming} onClose={() => setConfirming(null)} />}
    </Stack>
  );
}

function SessionRow({ session, onRevoke }: { session: AdminSession; onRevoke: () => void }) {
  const { t, i18n } = useTranslation();
  const created = formatDateTime(session.createdAt, i18n.language);
  return (
    <Table.Tr data-testid="session-row" data-current={session.current}>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {session.user.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {session.user.login}
            </Text>
          </Stack>
          {session.current && (
            <Badge variant="light" color="blue">
              {t('diagnostics:sessions.thisConsole')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{created}</Table.Td>
      <Table.Td>
        {formatDateTime(session.expiresAt, i18n.language)} ({formatRelative(session.expiresAt, i18n.language)})
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="light"
          color="red"
          onClick={onRevoke}
          aria-label={t('diagnostics:sessions.revokeLabel', { user: session.user.displayName, created })}
        >
          {t('diagnostics:sessions.revoke')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function RevokeDialog({ session, onClose }: { session: AdminSession; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const user = session.user.displayName;
  const revoke = useRevokeSession(() => notifications.show({ color: 'blue', message: t('diagnostics:sessions.ownEnded') }));
  const confirm = () =>
    revoke.mutate(session.id, {
      onSuccess: (result) => {
        if (!result.endedOwnSession) notifications.show({ color: 'green', message: t('diagnostics:sessions.revoked', { user }) });
        onClose();
      },
    });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(session.current ? 'diagnostics:sessions.confirmOwnTitle' : 'diagnostics:sessions.confirmTitle')}
      data-testid="revoke-dialog"
    >
      <Stack gap="md">
        {session.current ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} data-testid="revoke-own-warning">
            {t('diagnostics:sessions.confirmOwn')}
          </Alert>
        ) : (
          <Text size="sm">
            {t('diagnostics:sessions.confirmOther', { user, created: formatDateTime(session.createdAt, i18n.language) })}
          </Text>
        )}
        {revoke.error && <ErrorAlert error={revoke.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={confirm}>
            {t(session.current ? 'diagnostics:sessions.confirmOwnButton' : 'diagnostics:sessions.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
