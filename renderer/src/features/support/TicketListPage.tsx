import { Anchor, Button, Container, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketStatus, TicketSummary } from '../../../../common/portal-api/support';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useTickets } from './api';
import { SeverityBadge, StatusBadge } from './Badges';
import { OutboxPanel } from './OutboxPanel';
import { DeadlineText, TimeLeft } from './ResponseClock';
import { SupportPackageLine } from './SupportPackageLine';

type Filter = TicketStatus | 'all';

export function TicketListPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('open');
  const tickets = useTickets(filter);
  const rows = tickets.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Container size="xl" py="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Title order={1}>{t('support:list.title')}</Title>
            <SupportPackageLine />
          </Stack>
          <Button component={Link} to="/support/new" leftSection={<IconPlus size={16} aria-hidden />} data-testid="new-ticket">
            {t('support:list.newTicket')}
          </Button>
        </Group>
        <OutboxPanel />
        <SegmentedControl
          w="fit-content"
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          data={[
            { value: 'open', label: t('support:list.filter.open') },
            { value: 'closed', label: t('support:list.filter.closed') },
            { value: 'all', label: t('support:list.filter.all') },
          ]}
          aria-label={t('support:list.filter.label')}
        />
        {tickets.error && <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />}
        {tickets.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
        {tickets.data && rows.length === 0 && <Text c="dimmed">{t('support:list.empty')}</Text>}
        {rows.length > 0 && <TicketTable rows={rows} />}
        {tickets.hasNextPage && (
          <Button variant="default" w="fit-content" onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
            {t('support:list.more')}
          </Button>
        )}
      </Stack>
    </Container>
  );
}

function TicketTable({ rows }: { rows: TicketSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table striped highlightOnHover data-testid="ticket-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('support:list.number')}</Table.Th>
          <Table.Th>{t('support:list.subject')}</Table.Th>
          <Table.Th>{t('support:list.status')}</Table.Th>
          <Table.Th>{t('support:list.severity')}</Table.Th>
          <Table.Th>{t('support:list.created')}</Table.Th>
          <Table.Th>{t('support:list.deadline')}</Table.Th>
          <Table.Th>{t('support:list.timeLeft')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((ticket) => (
          <Table.Tr key={ticket.id} data-testid={`ticket-row-${ticket.number}`}>
            <Table.Td>#{ticket.number}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/support/${ticket.id}`} size="sm" fw={500}>
                {ticket.subject}
              </Anchor>
            </Table.Td>
            <Table.Td><StatusBadge status={ticket.status} /></Table.Td>
            <Table.Td><SeverityBadge severity={ticket.severity} /></Table.Td>
            <Table.Td><Text size="sm">{formatDateTime(ticket.createdAt, i18n.language)}</Text></Table.Td>
            <Table.Td><DeadlineText ticket={ticket} /></Table.Td>
            <Table.Td><TimeLeft ticket={ticket} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
