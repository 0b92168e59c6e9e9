import { Badge, Drawer, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../common/portal-api/audit';
import { formatLeaf, type DiffRow } from '../../components/conflict-diff';
import { auditDiff } from './audit-diff';
import { formatTimestamp } from './format';
import { Facts } from './parts';

/** One audit entry: who did what to which target when, and its before/after field by field. */
export function AuditEntryDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer opened={entry !== null} onClose={onClose} position="right" size="xl" title={t('diagnostics:audit.details.title')}>
      {entry && <EntryDetails entry={entry} />}
    </Drawer>
  );
}

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const [onlyChanged, setOnlyChanged] = useState(false);
  const hasData = entry.before !== null || entry.after !== null;
  const rows = auditDiff(entry.before, entry.after);
  const shown = onlyChanged ? rows.filter((row) => row.differs) : rows;
  return (
    <Stack gap="md" data-testid="audit-details">
      <Facts
        rows={[
          [t('diagnostics:audit.details.at'), formatTimestamp(entry.at, i18n.language)],
          [t('diagnostics:audit.details.actor'), entry.actorLogin ?? t('diagnostics:audit.anonymous')],
          [t('diagnostics:audit.details.action'), <Text key="action" size="sm" ff="monospace">{entry.action}</Text>],
          [
            t('diagnostics:audit.details.target'),
            <Text key="target" size="sm" ff="monospace">
              {entry.targetType === null ? '–' : `${entry.targetType} ${entry.targetId ?? ''}`}
            </Text>,
          ],
        ]}
      />
      {!hasData && <Text c="dimmed">{t('diagnostics:audit.details.none')}</Text>}
      {hasData && (
        <>
          <Switch label={t('diagnostics:audit.details.onlyChanged')} checked={onlyChanged} onChange={(event) => setOnlyChanged(event.currentTarget.checked)} />
          <Table withTableBorder layout="fixed" data-testid="audit-diff">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w="30%">
                  {t('diagnostics:audit.details.field')}
                </Table.Th>
                <Table.Th scope="col">{t('diagnostics:audit.details.before')}</Table.Th>
                <Table.Th scope="col">{t('diagnostics:audit.details.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <DiffLine key={row.path} row={row} />
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function changeKind(row: DiffRow): 'added' | 'removed' | 'changed' {
  if (!row.inMine) return 'added';
  return row.inTheirs ? 'changed' : 'removed';
}

function DiffLine({ row }: { row: DiffRow }) {
  const { t } = useTranslation();
  const cell = (present: boolean, value: unknown) => (present ? formatLeaf(value) : t('diagnostics:audit.details.missing'));
  return (
    <Table.Tr data-differs={row.differs} bg={row.differs ? 'var(--mantine-color-yellow-light)' : undefined}>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <Text size="sm" ff="monospace">
          {row.path || t('diagnostics:audit.details.wholeValue')}
        </Text>
        {row.differs && (
          <Badge size="xs" variant="outline" color="orange">
            {t(`diagnostics:audit.details.${changeKind(row)}`)}
          </Badge>
        )}
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{cell(row.inMine, row.mine)}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{cell(row.inTheirs, row.theirs)}</Table.Td>
    </Table.Tr>
  );
}
