import { Anchor, Button, Card, Container, Group, Modal, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconLock, IconLockOpen, IconScale } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Versioned } from '../../../../common/portal-api/common';
import type { Ticket, TicketAttachment, TicketUpdate } from '../../../../common/portal-api/support';
import { ConflictDialog } from '../../components/ConflictDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { preconditionConflict } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useAdoptTicket, useAttachmentText, useTicket, useUpdateTicket } from './api';
import { MarkedText, RedactionText } from './AttachmentPreview';
import { SeverityBadge, StatusBadge, SystemBadge } from './Badges';
import { formatBytes } from './format';
import { SeverityDialog } from './SeverityDialog';
import { DeadlineText, TimeLeft } from './ResponseClock';
import { targetText } from './SupportPackageLine';
import { TicketThread } from './TicketThread';

export function TicketDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ticket = useTicket(id);
  return (
    <Container size="lg" py="md">
      <Stack gap="md">
        <Anchor component={Link} to="/support" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('support:detail.back')}
          </Group>
        </Anchor>
        {ticket.error && <ErrorAlert error={ticket.error} onRetry={() => void ticket.refetch()} />}
        {ticket.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
        {ticket.data && <TicketView ticket={ticket.data} />}
      </Stack>
    </Container>
  );
}

function TicketView({ ticket }: { ticket: Versioned<Ticket> }) {
  const { t } = useTranslation();
  const value = ticket.value;
  return (
    <Stack gap="md" data-testid="ticket-detail">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            #{value.number} {value.subject}
          </Title>
          <Group gap="xs">
            <StatusBadge status={value.status} />
            <SeverityBadge severity={value.severity} />
            <SystemBadge system={value.system} />
            <Text size="sm" c="dimmed">{areaText(value, t)}</Text>
          </Group>
        </Stack>
        <TicketActions ticket={ticket} />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SlaCard ticket={value} />
        <ContactFacts ticket={value} />
      </SimpleGrid>
      <ReportView ticket={value} />
      <AttachmentList ticket={value} />
      <TicketThread ticket={ticket} />
    </Stack>
  );
}

function areaText(ticket: Ticket, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (ticket.area.kind === 'portal') return t('support:form.affected.portal');
  return `${t(`support:form.affected.${ticket.area.kind}`)}: ${ticket.area.name}`;
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" layout="fixed">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w="42%">{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SlaCard({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder data-testid="sla-card">
      <Title order={2} size="h4" mb="sm">{t('support:detail.sla')}</Title>
      <Facts
        rows={[
          [t('support:detail.package'), `${t(`common:supportPackage.${ticket.supportPackage}`)} – ${targetText(ticket.supportPackage, ticket.severity, t)}`],
          [t('support:detail.created'), formatDateTime(ticket.createdAt, i18n.language)],
          [t('support:list.deadline'), <DeadlineText key="deadline" ticket={ticket} />],
          [t('support:list.timeLeft'), <TimeLeft key="left" ticket={ticket} />],
          [t('support:detail.firstResponse'), ticket.firstResponseAt === null ? '–' : formatDateTime(ticket.firstResponseAt, i18n.language)],
          [t('support:detail.proposed'), <SeverityBadge key="proposed" severity={ticket.proposedSeverity} />],
          ...(ticket.severityReason ? [[t('support:detail.severityReason'), ticket.severityReason] as [string, ReactNode]] : []),
        ]}
      />
    </Card>
  );
}

function ContactFacts({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { contact } = ticket;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">{t('support:form.contact.title')}</Title>
      <Facts
        rows={[
          [t('support:form.contact.name'), contact.name],
          [t('support:form.contact.email'), contact.email || '–'],
          [t('support:form.contact.phone'), contact.phone || '–'],
          [t('support:form.contact.availability'), contact.availability],
          [t('support:detail.createdBy'), ticket.createdBy ?? '–'],
        ]}
      />
    </Card>
  );
}

function ReportView({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const question = ticket.answers.scope === 'question';
  const parts: [string, string][] = question
    ? [[t('support:form.report.question'), ticket.report.details]]
    : [
        [t('support:form.report.steps'), ticket.report.steps],
        [t('support:form.report.expected'), ticket.report.expected],
        [t('support:form.report.actual'), ticket.report.actual],
        [t('support:form.report.details'), ticket.report.details],
      ];
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">{t('support:form.report.title')}</Title>
      <Stack gap="sm">
        {parts
          .filter(([, text]) => text.trim() !== '')
          .map(([label, text]) => (
            <div key={label}>
              <Text size="sm" fw={600}>{label}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{text}</Text>
            </div>
          ))}
      </Stack>
    </Card>
  );
}

function AttachmentList({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const [viewing, setViewing] = useState<TicketAttachment | null>(null);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">{t('support:attachments.title')}</Title>
      {ticket.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">{t('support:detail.noAttachments')}</Text>
      ) : (
        <Table data-testid="ticket-attachments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('support:detail.attachmentName')}</Table.Th>
              <Table.Th>{t('support:detail.attachmentKind')}</Table.Th>
              <Table.Th>{t('support:detail.attachmentSize')}</Table.Th>
              <Table.Th>{t('support:detail.attachmentRedaction')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ticket.attachments.map((attachment) => (
              <Table.Tr key={attachment.id}>
                <Table.Td style={{ wordBreak: 'break-all' }}>{attachment.name}</Table.Td>
                <Table.Td>{t(`support:attachmentKinds.${attachment.kind}`)}</Table.Td>
                <Table.Td>{formatBytes(attachment.size, i18n.language)}</Table.Td>
                <Table.Td><RedactionText redaction={attachment.redaction} /></Table.Td>
                <Table.Td>
                  {attachment.redaction.applied && (
                    <Button size="xs" variant="light" onClick={() => setViewing(attachment)}>{t('support:attachments.preview')}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {viewing && <AttachmentViewer ticketId={ticket.id} attachment={viewing} onClose={() => setViewing(null)} />}
    </Card>
  );
}

function AttachmentViewer({ ticketId, attachment, onClose }: { ticketId: string; attachment: TicketAttachment; onClose(): void }) {
  const { t } = useTranslation();
  const text = useAttachmentText(ticketId, attachment.id);
  return (
    <Modal opened onClose={onClose} title={t('support:attachments.previewTitle', { name: attachment.name })} size="xl">
      {text.error && <ErrorAlert error={text.error} />}
      {text.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
      {text.data && (
        <Stack gap="xs">
          <ScrollArea.Autosize mah="65vh">
            <MarkedText text={text.data.text} />
          </ScrollArea.Autosize>
          {text.data.truncated && <Text size="xs" c="dimmed">{t('support:attachments.previewTruncated')}</Text>}
        </Stack>
      )}
    </Modal>
  );
}

/** Close / reopen (with confirmation) and reclassify; a 412 shows both versions. */
function TicketActions({ ticket }: { ticket: Versioned<Ticket> }) {
  const { t } = useTranslation();
  const update = useUpdateTicket();
  const adopt = useAdoptTicket();
  const [confirming, setConfirming] = useState<'close' | 'reopen' | null>(null);
  const [reclassifying, setReclassifying] = useState(false);
  const [pending, setPending] = useState<TicketUpdate | null>(null);
  const conflict = update.error ? preconditionConflict(update.error) : null;

  const apply = (change: TicketUpdate, ifMatch = ticket.etag) => {
    setPending(change);
    update.mutate({ id: ticket.value.id, ifMatch, change }, { onSuccess: () => { setConfirming(null); setReclassifying(false); setPending(null); } });
  };
  const closed = ticket.value.status === 'closed';
  return (
    <Group gap="xs">
      <Button variant="default" leftSection={<IconScale size={16} aria-hidden />} onClick={() => setReclassifying(true)} disabled={closed}>
        {t('support:detail.reclassify')}
      </Button>
      <Button
        variant={closed ? 'light' : 'default'}
        color={closed ? 'blue' : 'red'}
        leftSection={closed ? <IconLockOpen size={16} aria-hidden /> : <IconLock size={16} aria-hidden />}
        onClick={() => setConfirming(closed ? 'reopen' : 'close')}
        data-testid="toggle-ticket-status"
      >
        {t(closed ? 'support:detail.reopen' : 'support:detail.close')}
      </Button>
      {confirming && (
        <Modal opened onClose={() => setConfirming(null)} title={t(`support:detail.${confirming}Title`)}>
          <Stack>
            <Text size="sm">{t(`support:detail.${confirming}Body`)}</Text>
            {update.error && !conflict && <ErrorAlert error={update.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>{t('common:actions.cancel')}</Button>
              <Button color={confirming === 'close' ? 'red' : 'blue'} loading={update.isPending} onClick={() => apply({ status: confirming === 'close' ? 'closed' : 'open' })}>
                {t(`support:detail.${confirming}`)}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {reclassifying && (
        <SeverityDialog
          ticket={ticket.value}
          busy={update.isPending}
          error={conflict ? null : update.error}
          onSave={(change) => apply(change)}
          onClose={() => {
            setReclassifying(false);
            update.reset();
          }}
        />
      )}
      {conflict && pending && (
        <ConflictDialog
          mine={{ ...pick(ticket.value), ...pending }}
          theirs={pick(conflict.current as Ticket)}
          busy={update.isPending}
          onKeepMine={() => apply(pending, conflict.currentEtag ?? ticket.etag)}
          onTakeTheirs={() => {
            if (conflict.currentEtag) adopt({ etag: conflict.currentEtag, value: conflict.current as Ticket });
            update.reset();
            setPending(null);
            setConfirming(null);
            setReclassifying(false);
          }}
          onCancel={() => update.reset()}
        />
      )}
    </Group>
  );
}

function pick(ticket: Ticket) {
  return { status: ticket.status, severity: ticket.severity, severityReason: ticket.severityReason };
}
