import { Box, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../common/portal-api/audit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VirtualGridRow } from '../../components/VirtualGridRow';
import { useAuditLog } from './api';
import { AuditEntryDrawer } from './AuditEntryDrawer';
import { AuditFilterForm } from './AuditFilterForm';
import { useAuditUi } from './audit-store';
import { formatTimestamp } from './format';
import { auditCsv, readAllAudit } from './audit-csv';
import { actorOf, auditSentence, targetOf } from './audit-sentences';
import { downloadText } from '../../lib/download';
import { useVirtualRows, type RowMove } from '../../lib/use-virtual-rows';

const ROW_HEIGHT = 40;
/** Start loading the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 40;
const GRID: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'minmax(170px, 1.2fr) minmax(120px, 1fr) minmax(160px, 1.3fr) minmax(180px, 1.6fr)',
  alignItems: 'center',
  columnGap: 12,
  paddingInline: 12,
};

/** The portal's audit log: filtered on the server, paged, and only the rows in view exist in the DOM. */
export function AuditViewer() {
  const { t } = useTranslation();
  const { filters, openEntryId, openEntry } = useAuditUi();
  const audit = useAuditLog(filters);
  const entries = useMemo(() => audit.data?.pages.flatMap((page) => page.items) ?? [], [audit.data]);
  const open = entries.find((entry) => entry.id === openEntryId) ?? null;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('diagnostics:audit.heading')}
      </Title>
      <AuditFilterForm />
      <AuditExport filters={filters} />
      {audit.error && <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
      {audit.isSuccess && (
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="audit-count">
          {t('diagnostics:audit.loaded', { count: entries.length })}
          {audit.hasNextPage && ` – ${t('diagnostics:audit.moreOnScroll')}`}
        </Text>
      )}
      {audit.isSuccess && (
        <AuditTable
          entries={entries}
          hasNextPage={audit.hasNextPage}
          isFetchingNextPage={audit.isFetchingNextPage}
          fetchNextPage={() => void audit.fetchNextPage()}
          onOpen={(entry) => openEntry(entry.id)}
        />
      )}
      <AuditEntryDrawer entry={open} onClose={() => openEntry(null)} />
    </Stack>
  );
}

interface AuditTableProps {
  entries: readonly AuditEntry[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
  onOpen(entry: AuditEntry): void;
}

function AuditTable({ entries, hasNextPage, isFetchingNextPage, fetchNextPage, onOpen }: AuditTableProps) {
  const { t } = useTranslation();
  const { scrollRef, virtualizer, virtualRows, moveFrom } = useVirtualRows({
    count: entries.length,
    rowHeight: ROW_HEIGHT,
    paging: { hasNextPage, isFetchingNextPage, fetchNextPage, prefetchRows: PREFETCH_ROWS },
  });

  if (entries.length === 0) {
    return (
      <Text c="dimmed" data-testid="audit-empty">
        {t('diagnostics:audit.none')}
      </Text>
    );
  }
  return (
    <Box role="table" aria-label={t('diagnostics:audit.listLabel')} aria-rowcount={hasNextPage ? -1 : entries.length + 1} data-testid="audit-table">
      <Box role="row" aria-rowindex={1} style={{ ...GRID, height: 36 }} bg="var(--mantine-color-default-hover)">
        {(['at', 'actor', 'action', 'target'] as const).map((column) => (
          <Text key={column} role="columnheader" size="sm" fw={600}>
            {t(`diagnostics:audit.columns.${column}`)}
          </Text>
        ))}
      </Box>
      <Box ref={scrollRef} h="min(60vh, 560px)" style={{ overflowY: 'auto', borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Box role="rowgroup" pos="relative" h={virtualizer.getTotalSize()}>
          {virtualRows.map((row) => {
            const entry = entries[row.index] as AuditEntry;
            return (
              <AuditRow
                key={entry.id}
                entry={entry}
                index={row.index}
                top={row.start}
                onOpen={onOpen}
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
    </Box>
  );
}

/** Enter and Space open an entry. */
const OPEN_KEYS = ['Enter', ' '];

interface AuditRowProps {
  entry: AuditEntry;
  index: number;
  top: number;
  onOpen(entry: AuditEntry): void;
  onMove(move: RowMove): void;
}

function AuditRow({ entry, index, top, onOpen, onMove }: AuditRowProps) {
  const { t, i18n } = useTranslation();
  const target = entry.targetType === null ? '–' : targetOf(entry);
  const sentence = auditSentence(entry, i18n.language);
  return (
    <VirtualGridRow
      index={index}
      top={top}
      height={ROW_HEIGHT}
      grid={GRID}
      data-testid="audit-row"
      data-action={entry.action}
      onOpen={() => onOpen(entry)}
      openKeys={OPEN_KEYS}
      onMove={onMove}
      // Keeps the focus ring inside the scroll box, which would clip it otherwise.
      style={{ outlineOffset: -2 }}
    >
      <Text role="cell" size="sm" truncate>
        {formatTimestamp(entry.at, i18n.language)}
      </Text>
      <Text role="cell" size="sm" truncate c={entry.actorLogin === null ? 'dimmed' : undefined} title={entry.actorLogin ?? undefined}>
        {entry.actorLogin === null ? t('diagnostics:audit.anonymous') : actorOf(entry, i18n.language)}
      </Text>
      <Text role="cell" size="sm" truncate title={`${sentence} (${entry.action})`} data-testid="audit-sentence">
        {sentence}
      </Text>
      <Text role="cell" size="sm" truncate title={entry.targetId ?? undefined}>
        {target}
      </Text>
    </VirtualGridRow>
  );
}

/** Every entry the filters find as a CSV file (names and sentences in the UI language). */
function AuditExport({ filters }: { filters: Parameters<typeof readAllAudit>[0] }) {
  const { t, i18n } = useTranslation();
  const exporting = useMutation({
    mutationFn: async () => {
      const entries = await readAllAudit(filters);
      downloadText(`audit-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(entries, i18n.language));
      return entries.length;
    },
  });
  return (
    <Group gap="sm">
      <Button
        variant="default"
        leftSection={<IconFileExport size={16} aria-hidden />}
        loading={exporting.isPending}
        onClick={() => exporting.mutate()}
        data-testid="audit-export"
      >
        {t('diagnostics:audit.export')}
      </Button>
      {exporting.data !== undefined && (
        <Text size="sm" c="dimmed" role="status">
          {t('diagnostics:audit.exported', { count: exporting.data })}
        </Text>
      )}
      {exporting.error && <ErrorAlert error={exporting.error} onClose={() => exporting.reset()} />}
    </Group>
  );
}
