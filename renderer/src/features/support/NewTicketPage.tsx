import { Anchor, Button, Card, Container, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { StagedAttachment } from '../../../../common/contract/support';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { callConsole } from '../../lib/console-client';
import { useSession } from '../../lib/session';
import { useCreateTicket, useUnstage } from './api';
import { SeverityBadge } from './Badges';
import { DeadlinePreview } from './DeadlinePreview';
import { useTicketDraftStore } from './draft-store';
import { blockingIssues, chosenSeverity, emptyTicketForm, formIssues, toDraft, type TicketForm } from './form-model';
import { TicketFormCards } from './TicketFormCards';

export function NewTicketPage() {
  const { t } = useTranslation();
  const session = useSession().data;
  const { form, attempted, start } = useTicketDraftStore();
  const ownEmail = useOwnEmail(session?.user.id);

  useEffect(() => {
    if (form === null && session && ownEmail.settled) start(emptyTicketForm(session.environment, session.user.displayName, ownEmail.email));
  }, [form, session, start, ownEmail.settled, ownEmail.email]);

  return (
    <Container size="md" py="md">
      <Stack gap="md">
        <Anchor component={Link} to="/support" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('support:form.back')}
          </Group>
        </Anchor>
        <Title order={1}>{t('support:form.title')}</Title>
        {form && <TicketFormView form={form} attempted={attempted} />}
      </Stack>
    </Container>
  );
}

/** The signed-in administrator's e-mail for the contact (none when the portal has none or the account may not read users). */
function useOwnEmail(userId: string | undefined): { settled: boolean; email: string } {
  const account = useQuery({
    queryKey: ['support', 'own-account', userId],
    queryFn: () => callConsole('users:get', { id: userId as string }),
    enabled: userId !== undefined,
    retry: false,
    staleTime: 5 * 60_000,
  });
  return { settled: account.isSuccess || account.isError, email: account.data?.value.email ?? '' };
}

function TicketFormView({ form, attempted }: { form: TicketForm; attempted: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { markAttempted, clear } = useTicketDraftStore();
  const create = useCreateTicket();
  const [discarding, setDiscarding] = useState(false);
  const issues = formIssues(form);
  const blocking = blockingIssues(issues);
  const severity = chosenSeverity(form);

  const submit = () => {
    markAttempted();
    if (blocking.length > 0) return;
    create.mutate(toDraft(form), {
      onSuccess: (result) => {
        clear();
        if (result.outcome === 'sent') {
          const ticket = result.ticket.value;
          notifications.show({
            color: 'green',
            title: t('support:form.sentTitle', { number: ticket.number }),
            message: ticket.firstResponseDueAt
              ? t('support:deadline.dueBy', { at: formatDateTime(ticket.firstResponseDueAt, i18n.language) })
              : t('support:deadline.reasonableEffort'),
          });
          navigate(`/support/${ticket.id}`);
        } else {
          notifications.show({ color: 'orange', title: t('support:form.queuedTitle'), message: t('support:form.queuedBody'), autoClose: 10_000 });
          navigate('/support');
        }
      },
    });
  };

  return (
    <Stack gap="md">
      <TicketFormCards form={form} attempted={attempted} issues={issues} store={useTicketDraftStore} />
      <Card withBorder padding="lg" data-testid="ticket-summary">
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={600}>{t('support:form.summary.severity')}</Text>
            {form.impact === null ? <Text size="sm" c="dimmed">–</Text> : <SeverityBadge severity={severity} />}
          </Group>
          {form.impact !== null && <DeadlinePreview severity={severity} />}
          {attempted && blocking.length > 0 && (
            <Text size="sm" c="red" data-testid="form-issue-count">{t('support:form.summary.issues', { count: blocking.length })}</Text>
          )}
          {create.error && <ErrorAlert error={create.error} onClose={() => create.reset()} />}
          <Group justify="space-between">
            <Button variant="subtle" color="red" onClick={() => setDiscarding(true)}>{t('support:form.discard')}</Button>
            <Button leftSection={<IconSend size={16} aria-hidden />} onClick={submit} loading={create.isPending} data-testid="send-ticket">
              {t('support:form.send')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {discarding && <DiscardDraftDialog attachments={form.attachments} onClose={() => setDiscarding(false)} />}
    </Stack>
  );
}

function DiscardDraftDialog({ attachments, onClose }: { attachments: StagedAttachment[]; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const clear = useTicketDraftStore((state) => state.clear);
  const unstage = useUnstage();
  const discard = () => {
    attachments.forEach((attachment) => unstage.mutate(attachment.id));
    clear();
    navigate('/support');
  };
  return (
    <Modal opened onClose={onClose} title={t('support:form.discardTitle')}>
      <Stack>
        <Text size="sm">{t('support:form.discardBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button color="red" onClick={discard}>{t('support:form.discard')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
