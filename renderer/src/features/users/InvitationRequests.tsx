import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invitationRequestsOpen } from '../../../../common/domain/membership';
import { InvitationRequest as InvitationRequestSchema, type InvitationRequest, type InvitationRequestStatus } from '../../../../common/portal-api/invitations';
import type { SecurityPolicy } from '../../../../common/portal-api/security-policy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { preconditionConflict } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useConflict } from '../../lib/use-conflict';
import { useGrantInvitationRequest, useInvitationRequests, useRefuseInvitationRequest } from './invitations-api';
import { CodeOnce } from './InvitationsPage';

const STATUS_COLOR: Record<InvitationRequestStatus, string> = { waiting: 'blue', granted: 'green', refused: 'gray' };

type Decision = 'grant' | 'refuse';

/** What the conflict dialog compares, in the administrator's language. */
function comparable(request: InvitationRequest, t: TFunction, language: string) {
  return {
    status: t(`users:invitations.requests.status.${request.status}`),
    decidedBy: request.decidedByLogin ?? '–',
    decidedAt: request.decidedAt === null ? '–' : formatDateTime(request.decidedAt, language),
  };
}

/**
 * Grant and refuse with If-Match. If someone changed the request meanwhile (412), both versions are shown; deciding
 * the current one is offered only while it still waits.
 */
function useDecision(decision: Decision) {
  const { t, i18n } = useTranslation();
  const grant = useGrantInvitationRequest();
  const refuse = useRefuseInvitationRequest();
  const mutation = decision === 'grant' ? grant : refuse;
  const conflict = useConflict({
    busy: mutation.isPending,
    labels: {
      title: t('users:invitations.requests.conflict.title'),
      mine: t('users:invitations.conflict.mine'),
      theirs: t('users:invitations.conflict.theirs'),
      keepMine: t(`users:invitations.requests.conflict.${decision}Current`),
      takeTheirs: t('users:invitations.conflict.leave'),
      fields: {
        status: t('users:invitations.requests.columns.status'),
        decidedBy: t('users:invitations.requests.conflict.decidedBy'),
        decidedAt: t('users:invitations.requests.conflict.decidedAt'),
      },
    },
  });
  const decide = (request: InvitationRequest, ifMatch: string, onDone?: () => void) => {
    const onError = (error: unknown) => {
      const current = InvitationRequestSchema.safeParse(preconditionConflict(error)?.current);
      if (!current.success) return;
      conflict.offer(error, {
        mine: comparable(request, t, i18n.language),
        theirs: () => comparable(current.data, t, i18n.language),
        canKeepMine: () => current.data.status === 'waiting',
        keepMine: (currentEtag) => decide(current.data, currentEtag, onDone),
        takeTheirs: () => onDone?.(),
        onShown: () => mutation.reset(),
      });
    };
    if (decision === 'grant') grant.mutate({ id: request.id, ifMatch }, { onSuccess: () => onDone?.(), onError });
    else refuse.mutate({ id: request.id, ifMatch }, { onSuccess: () => onDone?.(), onError });
  };
  return { decide, grant, refuse, dialog: conflict.dialog };
}

/**
 * Security sheet: "Jeder kann eine Einladung anfordern". While the policy lets anyone ask, the requests are listed
 * here; granting one creates the invitation (its code is shown once), refusing asks first.
 */
export function InvitationRequests({ policy }: { policy: SecurityPolicy }) {
  const { t, i18n } = useTranslation();
  const open = invitationRequestsOpen(policy.membership);
  const list = useInvitationRequests(open);
  const granting = useDecision('grant');
  const refusal = useDecision('refuse');
  const grant = granting.grant;
  const refuse = refusal.refuse;
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
                          onClick={() => granting.decide(request, request.etag)}
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
                onClick={() => refusal.decide(refusing, refusing.etag, () => setRefusing(null))}
              >
                {t('users:invitations.requests.refuse')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      {granting.dialog}
      {refusal.dialog}
    </Card>
  );
}
