import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invitationRequestsOpen } from '../../../../common/domain/membership';
import type { InvitationRequest, InvitationRequestStatus } from '../../../../common/portal-api/invitations';
import type { SecurityPolicy } from '../../../../common/portal-api/security-policy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useGrantInvitationRequest, useInvitationRequests, useRefuseInvitationRequest } from './invitations-api';
import { CodeOnce } from './InvitationsPage';

const STATUS_COLOR: Record<InvitationRequestStatus, string> = { waiting: 'blue', granted: 'green', refused: 'gray' };

/**
 * Security sheet: "Jeder kann eine Einladung anfordern". While the policy lets anyone ask, the requests are listed
 * here; granting one creates the invitation (its code is shown once), refusing asks first. Both send the request's
 * ETag as If-Match; a request someone else decided meanwhile answers with the error, and the list is read again.
 */
export function InvitationRequests({ policy }: { policy: SecurityPolicy }) {
  const { t, i18n } = useTranslation();
  const open = invitationRequestsOpen(policy.membership);
  const list = useInvitationRequests(open);
  const grant = useGrantInvitationRequest();
  const refuse = useRefuseInvitationRequest();
  const [refusing, setRefusing] = useState<InvitationRequest | null>(null);
  if (!open) return null;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card withBorder data-testid="invitation-requests">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('users:invitations.requests.title')}
        </Title>
        {list.error && <ErrorAlert error={list.error} />}
        {grant.error && <ErrorAlert error={grant.error} onClose={() => grant.reset()} />}
        {items.length === 0 && !list.isLoading ? (
          <Text size="sm" c="dimmed">
            {t('users:invitations.requests.empty')}
          </Text>
        ) : (
          <Table aria-label={t('users:invitations.requests.title')}>
            <Table.Thead>
              <Table.Tr>
                {(['email', 'name', 'message', 'createdAt', 'status'] as const).map((column) => (
                  <Table.Th key={column}>{t(`users:invitations.requests.columns.${column}`)}</Table.Th>
                ))}
                <Table.Th>
                  <VisuallyHidden>{t('users:invitations.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((request) => (
                <Table.Tr key={request.id} data-testid={`invitation-request-${request.email}`}>
                  <Table.Td>{request.email}</Table.Td>
                  <Table.Td>{request.displayName ?? '–'}</Table.Td>
                  <Table.Td>{request.message ?? '–'}</Table.Td>
                  <Table.Td>{formatDateTime(request.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[request.status]}>{t(`users:invitations.requests.status.${request.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {request.status === 'waiting' && (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          loading={grant.isPending && grant.variables?.id === request.id}
                          onClick={() => grant.mutate({ id: request.id, ifMatch: request.etag })}
                        >
                          {t('users:invitations.requests.grant')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => setRefusing(request)}>
                          {t('users:invitations.requests.refuse')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {list.hasNextPage && (
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('users:invitations.more')}
          </Button>
        )}
      </Stack>
      <Modal opened={grant.data !== undefined} onClose={() => grant.reset()} title={t('users:invitations.codeTitle')} size="lg">
        {grant.data !== undefined && <CodeOnce created={grant.data} onDone={() => grant.reset()} />}
      </Modal>
      <Modal opened={refusing !== null} onClose={() => setRefusing(null)} title={t('users:invitations.requests.refuseTitle')}>
        {refusing !== null && (
          <Stack gap="sm">
            <Text size="sm">{t('users:invitations.requests.refuseConfirm', { email: refusing.email })}</Text>
            {refuse.error && <ErrorAlert error={refuse.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRefusing(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                color="red"
                loading={refuse.isPending}
                data-testid="refuse-confirm"
                onClick={() => refuse.mutate({ id: refusing.id, ifMatch: refusing.etag }, { onSuccess: () => setRefusing(null) })}
              >
                {t('users:invitations.requests.refuse')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
