import { Alert, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconInbox, IconSend, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../../common/contract/support';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../lib/errors';
import { profileNameLabel } from '../../lib/profile-label';
import { formatDateTime } from '../../lib/format';
import { supportKeys, useDiscardOutbox, useOutbox, useSendOutbox } from './api';
import { SeverityBadge } from './Badges';
import { formatBytes } from './format';

const stateColor: Record<OutboxEntry['state'], string> = {
  pending: 'orange',
  sending: 'blue',
  'waiting-for-sign-in': 'gray',
  rejected: 'red',
};

/** Tickets kept on disk until the portal has them; main retries them with backoff, "send now" forces it. */
export function OutboxPanel() {
  const { t } = useTranslation();
  const outbox = useOutbox();
  const send = useSendOutbox();
  const queryClient = useQueryClient();
  const [discarding, setDiscarding] = useState<OutboxEntry | null>(null);
  const entries = outbox.data ?? [];
  const previousCount = useRef(entries.length);

  // An entry that disappeared was sent in the background: the ticket list has a new ticket.
  useEffect(() => {
    if (entries.length < previousCount.current) void queryClient.invalidateQueries({ queryKey: supportKeys.lists() });
    previousCount.current = entries.length;
  }, [entries.length, queryClient]);

  if (entries.length === 0) return null;
  return (
    <Alert color="orange" icon={<IconInbox aria-hidden />} title={t('support:outbox.title', { count: entries.length })} data-testid="outbox">
      <Stack gap="sm">
        <Text size="sm">{t('support:outbox.intro')}</Text>
        {send.error && <ErrorAlert error={send.error} onClose={() => send.reset()} />}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('support:list.subject')}</Table.Th>
              <Table.Th>{t('support:list.severity')}</Table.Th>
              <Table.Th>{t('support:outbox.portal')}</Table.Th>
              <Table.Th>{t('support:outbox.state')}</Table.Th>
              <Table.Th>{t('support:outbox.lastError')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <OutboxRow key={entry.id} entry={entry} onSend={() => send.mutate(entry.id)} onDiscard={() => setDiscarding(entry)} busy={send.isPending} />
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => send.mutate(undefined)} loading={send.isPending} data-testid="outbox-send-all">
            {t('support:outbox.sendAll')}
          </Button>
        </Group>
      </Stack>
      {discarding && <DiscardDialog entry={discarding} onClose={() => setDiscarding(null)} />}
    </Alert>
  );
}

function OutboxRow({ entry, onSend, onDiscard, busy }: { entry: OutboxEntry; onSend(): void; onDiscard(): void; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const error = entry.lastError ? describeError(entry.lastError, t) : null;
  return (
    <Table.Tr data-testid="outbox-entry">
      <Table.Td>
        <Text size="sm" fw={500}>{entry.subject}</Text>
        <Text size="xs" c="dimmed">
          {t('support:outbox.created', { at: formatDateTime(entry.createdAt, i18n.language) })} ·{' '}
          {t('support:outbox.attachments', { count: entry.attachmentCount, size: formatBytes(entry.attachmentBytes, i18n.language) })}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}><SeverityBadge severity={entry.severity} /></Table.Td>
      <Table.Td><Text size="sm">{profileNameLabel(entry.profileId, entry.profileName, t)}</Text></Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge color={stateColor[entry.state]} variant="light" miw="max-content">{t(`support:outbox.states.${entry.state}`)}</Badge>
        <Text size="xs" c="dimmed">
          {t('support:outbox.attempts', { count: entry.attempts })}
          {entry.nextAttemptAt && entry.state === 'pending' && ` · ${t('support:outbox.nextAttempt', { at: formatDateTime(entry.nextAttemptAt, i18n.language) })}`}
        </Text>
      </Table.Td>
      <Table.Td><Text size="xs">{error ? `${error.title}: ${error.message}` : '–'}</Text></Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" onClick={onSend} disabled={busy || entry.state === 'sending'}>
            {t('support:outbox.sendNow')}
          </Button>
          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={onDiscard}>
            {t('support:outbox.discard')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function DiscardDialog({ entry, onClose }: { entry: OutboxEntry; onClose(): void }) {
  const { t } = useTranslation();
  const discard = useDiscardOutbox();
  return (
    <Modal opened onClose={onClose} title={t('support:outbox.discardTitle')}>
      <Stack>
        <Text size="sm">{t('support:outbox.discardBody', { subject: entry.subject })}</Text>
        {discard.error && <ErrorAlert error={discard.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button color="red" loading={discard.isPending} onClick={() => discard.mutate(entry.id, { onSuccess: onClose })}>
            {t('support:outbox.discard')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
