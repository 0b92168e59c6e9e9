import { Alert, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconEye, IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundlePreview } from '../../../../common/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callConsole } from '../../lib/console-client';
import { followDownload } from '../../lib/download';
import { formatBytes } from './format';

/**
 * The diagnostics bundle: one redacted zip with what support asks for first. The preview lists every part and
 * the size before anything is written; it is saved as a file or attached to a ticket in one step.
 */
export function BundlePanel() {
  const { t, i18n } = useTranslation();
  const preview = useMutation({ mutationFn: () => callConsole('diagnostics:bundlePreview', {}) });
  const save = useMutation({
    mutationFn: () => callConsole('diagnostics:bundleSave', {}),
    onSuccess: (file) => {
      followDownload(file.download);
      if (file.download.kind === 'cancelled') return;
      const filename = file.download.kind === 'saved' ? file.download.path : file.filename;
      notifications.show({ color: 'green', message: t('diagnostics:bundle.saved', { filename, size: formatBytes(file.zipBytes, i18n.language) }) });
    },
  });
  return (
    <Stack gap="md" data-testid="bundle-panel">
      <Title order={2} size="h3">
        {t('diagnostics:bundle.heading')}
      </Title>
      <Text size="sm" maw={900}>
        {t('diagnostics:bundle.intro')}
      </Text>
      <Group>
        <Button variant="default" leftSection={<IconEye size={16} aria-hidden />} loading={preview.isPending} onClick={() => preview.mutate()} data-testid="bundle-preview">
          {t('diagnostics:bundle.preview')}
        </Button>
        <Button leftSection={<IconDownload size={16} aria-hidden />} loading={save.isPending} onClick={() => save.mutate()} data-testid="bundle-save">
          {t('diagnostics:bundle.save')}
        </Button>
      </Group>
      {preview.error && <ErrorAlert error={preview.error} />}
      {save.error && <ErrorAlert error={save.error} />}
      {preview.data && <BundleContents preview={preview.data} />}
      <AttachToTicket />
    </Stack>
  );
}

function BundleContents({ preview }: { preview: BundlePreview }) {
  const { t, i18n } = useTranslation();
  const size = (bytes: number) => formatBytes(bytes, i18n.language);
  return (
    <Card withBorder data-testid="bundle-contents">
      <Text fw={600} mb="xs" data-testid="bundle-size">
        {t('diagnostics:bundle.size', { filename: preview.filename, size: size(preview.zipBytes), limit: size(preview.limitBytes) })}
      </Text>
      <Text size="sm" c="dimmed" mb="xs">
        {t('diagnostics:bundle.redacted', { count: preview.redacted })}
      </Text>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('diagnostics:bundle.columns.file')}</Table.Th>
            <Table.Th>{t('diagnostics:bundle.columns.size')}</Table.Th>
            <Table.Th>{t('diagnostics:bundle.columns.what')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.parts.map((part) => (
            <Table.Tr key={part.name} data-testid="bundle-part" data-name={part.name}>
              <Table.Td ff="monospace">{part.name}</Table.Td>
              <Table.Td>{size(part.bytes)}</Table.Td>
              <Table.Td>
                {t(`diagnostics:bundle.parts.${part.name.replace(/\.[a-z]+$/, '').replace(/-/g, '_')}`, { defaultValue: part.name })}
                {part.unavailable !== null && (
                  <Text size="xs" c="red">
                    {t('diagnostics:bundle.unavailable', { reason: part.unavailable })}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Stages the bundle and attaches it to the chosen open ticket: one step for the administrator. */
function AttachToTicket() {
  const { t } = useTranslation();
  const tickets = useQuery({ queryKey: ['diagnostics', 'bundle-tickets'], queryFn: () => callConsole('support:list', { status: 'active', limit: 100 }) });
  const [ticketId, setTicketId] = useState<string | null>(null);
  const attach = useMutation({
    mutationFn: async (id: string) => {
      const staged = await callConsole('support:stageBundle', {});
      await callConsole('support:attach', { ticketId: id, attachmentId: staged.id });
      return staged;
    },
    onSuccess: (staged) => notifications.show({ color: 'green', message: t('diagnostics:bundle.attached', { filename: staged.name }) }),
  });
  const options = (tickets.data?.items ?? []).map((ticket) => ({ value: ticket.id, label: `#${ticket.number} ${ticket.subject}` }));
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('diagnostics:bundle.attachHeading')}
        </Title>
        {tickets.error && <ErrorAlert error={tickets.error} />}
        {tickets.isSuccess && options.length === 0 && <Alert color="gray">{t('diagnostics:bundle.noTickets')}</Alert>}
        {options.length > 0 && (
          <Group align="flex-end">
            <Select label={t('diagnostics:bundle.ticket')} data={options} value={ticketId} onChange={setTicketId} w={420} searchable data-testid="bundle-ticket" />
            <Button
              leftSection={<IconPaperclip size={16} aria-hidden />}
              disabled={ticketId === null}
              loading={attach.isPending}
              onClick={() => ticketId !== null && attach.mutate(ticketId)}
              data-testid="bundle-attach"
            >
              {t('diagnostics:bundle.attach')}
            </Button>
          </Group>
        )}
        {attach.error && <ErrorAlert error={attach.error} />}
      </Stack>
    </Card>
  );
}
