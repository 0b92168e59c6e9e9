import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconCopy, IconMailPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { invitationBlock } from '../../../../common/domain/membership';
import { Invitation, type InvitationCreated, type InvitationStatus } from '../../../../common/portal-api/invitations';
import type { SecurityPolicy } from '../../../../common/portal-api/security-policy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { preconditionConflict } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useConflict } from '../../lib/use-conflict';
import { useSecurityPolicy } from './api';
import { useInvitations, useInvite, useRevokeInvitation } from './invitations-api';
import { InvitationRequests } from './InvitationRequests';

const STATUS_COLOR: Record<InvitationStatus, string> = { open: 'blue', accepted: 'green', expired: 'gray', revoked: 'red' };

/**
 * What the policy means for invitations, as the portal enforces it: the membership mode, who may invite, and why
 * invitations are switched off (the same rule, common/domain/membership.ts, that the portal answers with 409).
 */
function PolicyNote({ policy }: { policy: SecurityPolicy }) {
  const { t } = useTranslation();
  const { mode, inviters } = policy.membership;
  const block = invitationBlock(policy);
  return (
    <Alert color={block === null ? 'blue' : 'yellow'} data-testid="invitations-policy-note">
      <Text size="sm">{t(`users:invitations.mode.${mode}`)}</Text>
      {block !== null && (
        <Text size="sm" fw={600} data-testid="invitations-blocked">
          {t(`users:invitations.blocked.${block}`)}
        </Text>
      )}
      {mode === 'invitation' && inviters === 'members' && <Text size="sm">{t('users:invitations.membersSetting')}</Text>}
      {mode === 'invitation' && inviters === 'anyone' && <Text size="sm">{t('users:invitations.anyoneSetting')}</Text>}
    </Alert>
  );
}

/** The code, shown once, with what to do with it. */
export function CodeOnce({ created, onDone }: { created: InvitationCreated; onDone(): void }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm" data-testid="invitation-code">
      <Text size="sm">{t('users:invitations.codeIntro', { email: created.invitation.email })}</Text>
      <Group gap="sm" wrap="nowrap">
        <Code fz="lg" p="sm" style={{ userSelect: 'all' }} data-testid="invitation-code-value">
          {created.code}
        </Code>
        <CopyButton value={created.code}>
          {({ copied, copy }) => (
            <Button variant="light" leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />} onClick={copy}>
              {copied ? t('users:oneTimePassword.copied') : t('users:oneTimePassword.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" c="dimmed">
        {t('users:invitations.codeOnce', { date: formatDateTime(created.invitation.expiresAt, i18n.language) })}
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('users:oneTimePassword.done')}</Button>
      </Group>
    </Stack>
  );
}

function InviteForm({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const invite = useInvite();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email, displayName: name.trim() === '' ? null : name }, { onSuccess: () => { setEmail(''); setName(''); } });
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="sm">
        <TextInput label={t('users:invitations.email')} value={email} onChange={(event) => setEmail(event.currentTarget.value)} required type="email" data-testid="invite-email" />
        <TextInput label={t('users:invitations.name')} value={name} onChange={(event) => setName(event.currentTarget.value)} data-testid="invite-name" />
        <Button type="submit" leftSection={<IconMailPlus size={16} aria-hidden />} loading={invite.isPending} disabled={disabled} data-testid="invite-submit">
          {t('users:invitations.invite')}
        </Button>
      </Group>
      {invite.error && <ErrorAlert error={invite.error} />}
      <Modal opened={invite.data !== undefined} onClose={() => invite.reset()} title={t('users:invitations.codeTitle')} size="lg">
        {invite.data !== undefined && <CodeOnce created={invite.data} onDone={() => invite.reset()} />}
      </Modal>
    </form>
  );
}

/** What the conflict dialog compares: what a revoke depends on, in the administrator's language. */
function comparableInvitation(invitation: Invitation, t: TFunction, language: string) {
  const when = (iso: string | null) => (iso === null ? '–' : formatDateTime(iso, language));
  return {
    status: t(`users:invitations.status.${invitation.status}`),
    expiresAt: when(invitation.expiresAt),
    acceptedAt: when(invitation.acceptedAt),
    revokedAt: when(invitation.revokedAt),
  };
}

const isRevocable = (invitation: Invitation) => invitation.status === 'open' || invitation.status === 'expired';

/**
 * Revoke with confirmation. If someone changed the invitation meanwhile (412), both versions are shown;
 * revoking the current one is offered only while it can still be revoked.
 */
function RevokeDialog({ invitation, onClose }: { invitation: Invitation; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const revoke = useRevokeInvitation();
  const conflict = useConflict({
    busy: revoke.isPending,
    labels: {
      title: t('users:invitations.conflict.title'),
      mine: t('users:invitations.conflict.mine'),
      theirs: t('users:invitations.conflict.theirs'),
      keepMine: t('users:invitations.conflict.revokeCurrent'),
      takeTheirs: t('users:invitations.conflict.leave'),
      fields: {
        status: t('users:invitations.columns.status'),
        expiresAt: t('users:invitations.columns.expiresAt'),
        acceptedAt: t('users:invitations.conflict.acceptedAt'),
        revokedAt: t('users:invitations.conflict.revokedAt'),
      },
    },
  });
  const revokeVersion = (ifMatch: string) =>
    revoke.mutate(
      { id: invitation.id, ifMatch },
      {
        onSuccess: onClose,
        onError: (error) => {
          // Anything else, or a current version this console cannot read, stays in the error alert.
          const current = Invitation.safeParse(preconditionConflict(error)?.current);
          if (!current.success) return;
          conflict.offer(error, {
            mine: comparableInvitation(invitation, t, i18n.language),
            theirs: () => comparableInvitation(current.data, t, i18n.language),
            canKeepMine: () => isRevocable(current.data),
            keepMine: revokeVersion,
            takeTheirs: onClose,
            onShown: () => revoke.reset(),
          });
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('users:invitations.revokeTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('users:invitations.revokeConfirm', { email: invitation.email })}</Text>
        {revoke.error && <ErrorAlert error={revoke.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={() => revokeVersion(invitation.etag)} data-testid="revoke-confirm">
            {t('users:invitations.revoke')}
          </Button>
        </Group>
      </Stack>
      {conflict.dialog}
    </Modal>
  );
}

function InvitationRow({ invitation, onRevoke }: { invitation: Invitation; onRevoke(): void }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>{invitation.email}</Table.Td>
      <Table.Td>{invitation.displayName ?? '–'}</Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[invitation.status]}>{t(`users:invitations.status.${invitation.status}`)}</Badge>
      </Table.Td>
      <Table.Td>{invitation.invitedByLogin}</Table.Td>
      <Table.Td>{formatDateTime(invitation.expiresAt, i18n.language)}</Table.Td>
      <Table.Td>
        {isRevocable(invitation) && (
          <Button size="xs" variant="subtle" color="red" onClick={onRevoke}>
            {t('users:invitations.revoke')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Invite by e-mail (the code is shown once), the requests anyone may make when the policy lets them (grant or
 * refuse), the server-paged list with status, and revoke with confirmation.
 */
export function InvitationsPage() {
  const { t } = useTranslation();
  const list = useInvitations();
  const policy = useSecurityPolicy().data?.value;
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md" data-testid="invitations-page">
      {policy !== undefined && <PolicyNote policy={policy} />}
      <InviteForm disabled={policy === undefined || invitationBlock(policy) !== null} />
      {policy !== undefined && <InvitationRequests policy={policy} />}
      {list.error && <ErrorAlert error={list.error} />}
      <Table aria-label={t('users:invitations.tableLabel')} data-testid="invitations-table">
        <Table.Thead>
          <Table.Tr>
            {(['email', 'name', 'status', 'invitedBy', 'expiresAt'] as const).map((column) => (
              <Table.Th key={column}>{t(`users:invitations.columns.${column}`)}</Table.Th>
            ))}
            <Table.Th>
              <VisuallyHidden>{t('users:invitations.columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((invitation) => (
            <InvitationRow key={invitation.id} invitation={invitation} onRevoke={() => setRevoking(invitation)} />
          ))}
        </Table.Tbody>
      </Table>
      {items.length === 0 && !list.isLoading && <Text c="dimmed">{t('users:invitations.empty')}</Text>}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('users:invitations.more')}
        </Button>
      )}
      {revoking !== null && <RevokeDialog invitation={revoking} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}
