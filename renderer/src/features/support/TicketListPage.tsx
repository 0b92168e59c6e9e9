import { Anchor, Badge, Box, Button, Container, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TicketListFilter, TicketSummary } from '../../../../common/portal-api/support';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VirtualGridRow } from '../../components/VirtualGridRow';
import { formatDateTime } from '../../lib/format';
import { useVirtualRows, type RowMove } from '../../lib/use-virtual-rows';
import { useTickets } from './api';
import { SeverityBadge, StatusBadge } from './Badges';
import { OutboxPanel } from './OutboxPanel';
import { DeadlineText, TimeLeft } from './ResponseClock';
import { SupportPackageLine } from './SupportPackageLine';

type Filter = TicketListFilter | 'all';

export const TICKET_ROW_HEIGHT = 48;
const HEADER_HEIGHT = 40;
const MAX_LIST_HEIGHT = 'min(60vh, 640px)';
// "Time left" gets the room its longest text needs ("8 h 30 min of support time left", "First response missed"):
// at 1440 px it was cut. The subject column gives way first.
const COLUMN_WIDTHS: ReadonlyArray<{ min: number; grow?: string }> = [
  { min: 72 },
  { min: 180, grow: '3fr' },
  { min: 150 },
  { min: 100 },
  { min: 136 },
  { min: 136 },
  { min: 250, grow: '1.4fr' },
];
const COLUMN_GAP = 12;
const GRID: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: COLUMN_WIDTHS.map(({ min, grow }) => (grow ? `minmax(${min}px, ${grow})` : `${min}px`)).join(' '),
  alignItems: 'center',
  columnGap: COLUMN_GAP,
  paddingInline: COLUMN_GAP,
};
/**
 * Below this the columns cannot shrink further (a 1280 px window in German, the window's 1024 px minimum): the table
 * scrolls sideways in its own frame, instead of running out of the page with its last column cut off.
 */
const TICKET_TABLE_MIN_WIDTH = COLUMN_WIDTHS.reduce((sum, { min }) => sum + min, 0) + COLUMN_GAP * (COLUMN_WIDTHS.length + 1);
const columns = ['number', 'subject', 'status', 'severity', 'created', 'deadline', 'timeLeft'] as const;

export function TicketListPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('active');
  const tickets = useTickets(filter);
  const rows = useMemo(() => tickets.data?.pages.flatMap((page) => page.items) ?? [], [tickets.data]);
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
            { value: 'active', label: t('support:list.filter.open') },
            { value: 'closed', label: t('support:list.filter.closed') },
            { value: 'all', label: t('support:list.filter.all') },
          ]}
          aria-label={t('support:list.filter.label')}
        />
        {tickets.error && <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />}
        {tickets.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
        {tickets.data && rows.length === 0 && <Text c="dimmed">{t('support:list.empty')}</Text>}
        {rows.length > 0 && (
          <TicketTable
            rows={rows}
            hasNextPage={tickets.hasNextPage}
            isFetchingNextPage={tickets.isFetchingNextPage}
            fetchNextPage={() => void tickets.fetchNextPage()}
          />
        )}
      </Stack>
    </Container>
  );
}

interface TicketTableProps {
  rows: readonly TicketSummary[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
}

/**
 * Tickets as an ARIA table with virtual rows: only the rows in view exist in the DOM, the next page
 * loads as the end comes near, and the rows are reached and opened with the keyboard.
 */
function TicketTable({ rows, hasNextPage, isFetchingNextPage, fetchNextPage }: TicketTableProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { scrollRef, virtualizer, virtualRows, moveFrom } = useVirtualRows({
    count: rows.length,
    rowHeight: TICKET_ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    paging: { hasNextPage, isFetchingNextPage, fetchNextPage },
  });
  const open = (ticket: TicketSummary) => navigate(`/support/${ticket.id}`);
  return (
    <Stack gap={4}>
      <Box style={{ overflowX: 'auto' }} data-testid="ticket-table-frame">
        <Box
          role="table"
          miw={TICKET_TABLE_MIN_WIDTH}
          aria-label={t('support:list.tableLabel')}
          aria-rowcount={hasNextPage ? -1 : rows.length + 1}
          data-testid="ticket-table"
        >
          <Box role="row" aria-rowindex={1} style={{ ...GRID, height: HEADER_HEIGHT }} bg="var(--mantine-color-default-hover)">
            {columns.map((column) => (
              <Text key={column} role="columnheader" size="sm" fw={600}>
                {t(`support:list.${column}`)}
              </Text>
            ))}
          </Box>
          <Box
            ref={scrollRef}
            h={`min(${MAX_LIST_HEIGHT}, ${rows.length * TICKET_ROW_HEIGHT}px)`}
            style={{ overflowY: 'auto', borderTop: '1px solid var(--mantine-color-default-border)' }}
            data-testid="ticket-scroll"
          >
            <Box role="rowgroup" pos="relative" h={virtualizer.getTotalSize()}>
              {virtualRows.map((row) => (
                <TicketRow
                  key={row.key}
                  ticket={rows[row.index] as TicketSummary}
                  index={row.index}
                  top={row.start}
                  onOpen={open}
                  onMove={(move) => moveFrom(row.index, move)}
                />
              ))}
            </Box>
          </Box>
        </Box>
      </Box>
      <Group gap="xs" aria-live="polite" data-testid="ticket-count">
        <Text size="xs" c="dimmed">
          {t('support:list.loaded', { count: rows.length })}
          {hasNextPage && ` – ${t('support:list.moreOnScroll')}`}
        </Text>
        {isFetchingNextPage && <Loader size="xs" aria-label={t('common:loading')} />}
      </Group>
    </Stack>
  );
}

interface TicketRowProps {
  ticket: TicketSummary;
  index: number;
  top: number;
  onOpen(ticket: TicketSummary): void;
  onMove(move: RowMove): void;
}

/** "2 new": answers from the support desk not read yet. */
export function UnreadBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size="sm" miw="max-content" data-testid="unread-badge">
      {t('support:unread.count', { count })}
    </Badge>
  );
}

function TicketRow({ ticket, index, top, onOpen, onMove }: TicketRowProps) {
  const { i18n } = useTranslation();
  return (
    <VirtualGridRow
      index={index}
      top={top}
      height={TICKET_ROW_HEIGHT}
      grid={GRID}
      data-testid={`ticket-row-${ticket.number}`}
      onOpen={() => onOpen(ticket)}
      onMove={onMove}
    >
      <Text role="cell" size="sm">#{ticket.number}</Text>
      <Box role="cell" style={{ minWidth: 0 }}>
        {/* The row opens the ticket (click, Enter); the link is for "open in new window" and screen readers' link lists. */}
        <Group gap={6} wrap="nowrap">
          <Anchor
            component={Link}
            to={`/support/${ticket.id}`}
            size="sm"
            fw={ticket.unreadCount > 0 ? 700 : 500}
            tabIndex={-1}
            onClick={(event) => event.stopPropagation()}
            truncate="end"
            display="block"
            style={{ minWidth: 0 }}
            title={ticket.subject}
          >
            {ticket.subject}
          </Anchor>
          {ticket.unreadCount > 0 && <UnreadBadge count={ticket.unreadCount} />}
        </Group>
      </Box>
      <Box role="cell"><StatusBadge status={ticket.status} /></Box>
      <Box role="cell"><SeverityBadge severity={ticket.severity} /></Box>
      <Box role="cell"><Text size="sm">{formatDateTime(ticket.createdAt, i18n.language)}</Text></Box>
      <Box role="cell"><DeadlineText ticket={ticket} /></Box>
      <Box role="cell"><TimeLeft ticket={ticket} /></Box>
    </VirtualGridRow>
  );
}
