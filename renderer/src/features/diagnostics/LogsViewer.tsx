import { Badge, Box, Button, Code, Group, Loader, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconChevronRight, IconClockHour4 } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerLogEntry, ServerLogLevel } from '../../../../common/portal-api/support';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VirtualGridRow } from '../../components/VirtualGridRow';
import { useSession } from '../../lib/session';
import { useServerLog } from './api';
import { LogExportButton } from './LogExportButton';
import { LogFilterBar } from './LogFilterBar';
import { useFollowServerLog } from './log-follow';
import { canFollow, formatLogTime, isLogQueryLine, logEntriesOf, logQueryOf, type LogQuery } from './logs-query';
import { useLogsUi } from './logs-store';
import { useVirtualRows, type RowMove } from '../../lib/use-virtual-rows';

const ROW_HEIGHT = 36;
/** Start loading the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 40;
/** Follow mode keeps the newest entry in view only while the list is scrolled (nearly) to its end. */
const END_SLACK_PX = ROW_HEIGHT * 2;
const GRID: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: '210px 84px minmax(0, 1fr) 24px',
  alignItems: 'start',
  columnGap: 12,
  paddingInline: 12,
  paddingBlock: 8,
};

const levelColour: Record<ServerLogLevel, string> = { debug: 'gray', info: 'blue', warn: 'yellow', error: 'red' };

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The signed-in portal's server log: a time range, filtered on the portal, paged, optionally followed live. */
export function LogsViewer({ followRetryMs }: { followRetryMs?: number } = {}) {
  const { t } = useTranslation();
  const zone = useSession().data?.portal.timeZone ?? localZone();
  const { filters, follow, hideLogQueries, applyFilters } = useLogsUi();
  // A preset means "the last hour up to now": now is when the tab opened or the filters were applied.
  const [anchoredAt, setAnchoredAt] = useState(() => new Date().toISOString());
  const result = useMemo(() => logQueryOf(filters, zone, anchoredAt), [filters, zone, anchoredAt]);
  const reanchor = () => setAnchoredAt(new Date().toISOString());
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('diagnostics:logs.heading')}
        </Title>
        <Badge variant="outline" color="gray" tt="none" leftSection={<IconClockHour4 size={14} aria-hidden />} data-testid="log-time-zone">
          {t('diagnostics:logs.timeZoneNote', { zone })}
        </Badge>
      </Group>
      <LogFilterBar
        zone={zone}
        shownFrom={result.ok ? result.query.from : null}
        onApply={(next) => {
          applyFilters(next);
          reanchor();
        }}
        onRefresh={reanchor}
      />
      {result.ok && (
        <LogListing
          key={JSON.stringify(result.query)}
          query={result.query}
          zone={zone}
          follow={follow && canFollow(filters)}
          openEnded={canFollow(filters)}
          followRetryMs={followRetryMs}
          hideLogQueries={hideLogQueries}
        />
      )}
    </Stack>
  );
}

interface LogListingProps {
  query: LogQuery;
  zone: string;
  follow: boolean;
  /** The range ends now: it can be followed, and it is exported up to the newest entry. */
  openEnded: boolean;
  followRetryMs: number | undefined;
  hideLogQueries: boolean;
}

function LogListing({ query, zone, follow, openEnded, followRetryMs, hideLogQueries }: LogListingProps) {
  const { t } = useTranslation();
  const log = useServerLog(query);
  // Following continues after the last entry of the range, so the range is read to its end first.
  const followError = useFollowServerLog(query, follow && log.isSuccess && !log.hasNextPage, followRetryMs);
  const loaded = useMemo(() => logEntriesOf(log.data?.pages ?? []), [log.data]);
  const entries = useMemo(() => (hideLogQueries ? loaded.filter((entry) => !isLogQueryLine(entry)) : loaded), [loaded, hideLogQueries]);
  const hidden = loaded.length - entries.length;
  return (
    <Stack gap="sm">
      {log.error && <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />}
      {followError !== null && <ErrorAlert error={followError} />}
      {log.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
      {log.isSuccess && (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="log-count">
            {t('diagnostics:logs.loaded', { count: entries.length })}
            {hidden > 0 && ` · ${t('diagnostics:logs.hidden', { count: hidden })}`}
            {log.hasNextPage && ` – ${t('diagnostics:logs.moreOnScroll')}`}
            {follow && ` · ${t('diagnostics:logs.following')}`}
          </Text>
          <LogExportButton query={query} openEnded={openEnded} />
        </Group>
      )}
      {log.isSuccess && (
        <LogTable
          entries={entries}
          zone={zone}
          follow={follow}
          hasNextPage={log.hasNextPage}
          isFetchingNextPage={log.isFetchingNextPage}
          fetchNextPage={() => void log.fetchNextPage()}
        />
      )}
      {log.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()} data-testid="log-load-more">
            {t('diagnostics:loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface LogTableProps {
  entries: readonly ServerLogEntry[];
  zone: string;
  follow: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
}

function LogTable({ entries, zone, follow, hasNextPage, isFetchingNextPage, fetchNextPage }: LogTableProps) {
  const { t } = useTranslation();
  const atEndRef = useRef(true);
  const [awayFromEnd, setAwayFromEnd] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const { scrollRef, virtualizer, virtualRows, moveFrom } = useVirtualRows({
    count: entries.length,
    rowHeight: ROW_HEIGHT,
    getItemKey: (index) => entries[index]?.seq ?? index,
    paging: { hasNextPage, isFetchingNextPage, fetchNextPage, prefetchRows: PREFETCH_ROWS },
  });

  useEffect(() => {
    if (follow && atEndRef.current && entries.length > 0) virtualizer.scrollToIndex(entries.length - 1, { align: 'end' });
  }, [follow, entries.length, virtualizer]);

  const noteScroll = () => {
    const box = scrollRef.current;
    if (!box) return;
    atEndRef.current = box.scrollTop + box.clientHeight >= box.scrollHeight - END_SLACK_PX;
    setAwayFromEnd(!atEndRef.current);
  };
  const jumpToNow = () => {
    atEndRef.current = true;
    setAwayFromEnd(false);
    virtualizer.scrollToIndex(entries.length - 1, { align: 'end' });
  };
  const toggle = (seq: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });

  if (entries.length === 0) {
    return (
      <Text c="dimmed" data-testid="log-empty">
        {t('diagnostics:logs.none')}
      </Text>
    );
  }
  return (
    <Box role="table" aria-label={t('diagnostics:logs.listLabel')} aria-rowcount={hasNextPage ? -1 : entries.length + 1} data-testid="log-table">
      <Box role="row" aria-rowindex={1} style={GRID} bg="var(--mantine-color-default-hover)">
        {(['at', 'level', 'message'] as const).map((column) => (
          <Text key={column} role="columnheader" size="sm" fw={600}>
            {t(`diagnostics:logs.columns.${column}`)}
          </Text>
        ))}
        <Box role="columnheader">
          <VisuallyHidden>{t('diagnostics:logs.columns.context')}</VisuallyHidden>
        </Box>
      </Box>
      <Box
        ref={scrollRef}
        onScroll={noteScroll}
        h="min(60vh, 560px)"
        style={{ overflowY: 'auto', borderTop: '1px solid var(--mantine-color-default-border)' }}
      >
        <Box role="rowgroup" pos="relative" h={virtualizer.getTotalSize()}>
          {virtualRows.map((row) => {
            const entry = entries[row.index] as ServerLogEntry;
            return (
              <LogRow
                key={row.key}
                entry={entry}
                index={row.index}
                top={row.start}
                zone={zone}
                expanded={expanded.has(entry.seq)}
                measure={virtualizer.measureElement}
                onToggle={() => toggle(entry.seq)}
                onMove={(move) => moveFrom(row.index, move)}
              />
            );
          })}
        </Box>
        {isFetchingNextPage && (
          <Group justify="center" p="xs">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              {t('common:loading')}
            </Text>
          </Group>
        )}
      </Box>
      {follow && awayFromEnd && (
        <Group justify="flex-end" pt="xs">
          <Button size="xs" leftSection={<IconArrowDown size={14} aria-hidden />} onClick={jumpToNow} data-testid="log-jump-to-now">
            {t('diagnostics:logs.jumpToNow')}
          </Button>
        </Group>
      )}
    </Box>
  );
}

/** Log rows fold in and out through onKey only: a click has its own rule. */
const NO_OPEN_KEYS: readonly string[] = [];

interface LogRowProps {
  entry: ServerLogEntry;
  index: number;
  top: number;
  zone: string;
  expanded: boolean;
  measure(element: Element | null): void;
  onToggle(): void;
  onMove(move: RowMove): void;
}

function hasContext(entry: ServerLogEntry): boolean {
  return entry.context !== undefined && Object.keys(entry.context).length > 0;
}

function LogRow({ entry, index, top, zone, expanded, measure, onToggle, onMove }: LogRowProps) {
  const { t, i18n } = useTranslation();
  const expandable = hasContext(entry);
  // Enter, Space and the arrow towards the other state fold a row with context in or out (not the click rule below).
  const onKey = (key: string) => {
    const wantsOpen = key === 'Enter' || key === ' ' || (key === 'ArrowRight' && !expanded) || (key === 'ArrowLeft' && expanded);
    if (!wantsOpen || !expandable) return false;
    onToggle();
    return true;
  };
  // Selecting text in the context must not fold it away.
  const onClick = () => {
    if (expandable && (window.getSelection()?.toString() ?? '') === '') onToggle();
  };
  return (
    <VirtualGridRow
      ref={measure}
      data-index={index}
      index={index}
      top={top}
      grid={GRID}
      data-expanded={expandable ? expanded : undefined}
      data-testid="log-row"
      data-level={entry.level}
      data-seq={entry.seq}
      onOpen={onClick}
      openKeys={NO_OPEN_KEYS}
      onKey={onKey}
      onMove={onMove}
      // Measured rows: no fixed height. The outline offset keeps the focus ring inside the scroll box, which would clip it otherwise.
      style={{ cursor: expandable ? 'pointer' : undefined, outlineOffset: -2 }}
    >
      <Text role="cell" size="sm" ff="monospace">
        {formatLogTime(entry.at, i18n.language, zone)}
      </Text>
      <Box role="cell">
        <Badge color={levelColour[entry.level]} variant={entry.level === 'error' ? 'filled' : 'light'} size="sm" data-testid="log-level">
          {t(`diagnostics:logs.levels.${entry.level}`)}
        </Badge>
      </Box>
      <Box role="cell" miw={0}>
        <Text size="sm" ff="monospace" truncate={expanded ? undefined : 'end'} style={expanded ? { overflowWrap: 'anywhere' } : undefined}>
          {entry.message}
        </Text>
        {expanded && (
          <Code block mt={6} data-testid="log-context" onClick={(event: MouseEvent) => event.stopPropagation()} style={{ cursor: 'text' }}>
            {JSON.stringify(entry.context, null, 2)}
          </Code>
        )}
      </Box>
      <Box role="cell">
        {expandable && (
          <UnstyledButton
            tabIndex={-1}
            aria-label={t(expanded ? 'diagnostics:logs.collapse' : 'diagnostics:logs.expand')}
            // A row (role row) may not carry aria-expanded; its disclosure button does.
            aria-expanded={expanded}
            onClick={(event: MouseEvent) => {
              event.stopPropagation();
              onToggle();
            }}
          >
            <IconChevronRight
              size={16}
              aria-hidden
              style={{ transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform 120ms ease' }}
            />
          </UnstyledButton>
        )}
      </Box>
    </VirtualGridRow>
  );
}
