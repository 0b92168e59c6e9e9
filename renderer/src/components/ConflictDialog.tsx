import { Badge, Button, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { diffRows, formatLeaf, type DiffRow } from './conflict-diff';

export interface ConflictDialogLabels {
  title?: string;
  mine?: string;
  theirs?: string;
  keepMine?: string;
  takeTheirs?: string;
  /** Readable names for field paths, e.g. { 'password.minLength': 'Minimum length' }. */
  fields?: Record<string, string>;
}

export interface ConflictDialogProps {
  /** The version the administrator tried to save. */
  mine: unknown;
  /** The version the portal holds now (PRECONDITION_FAILED details.current). */
  theirs: unknown;
  labels?: ConflictDialogLabels;
  opened?: boolean;
  busy?: boolean;
  /** Absent where the current version cannot take the change any more (e.g. revoking what was accepted). */
  onKeepMine?(): void;
  onTakeTheirs(): void;
  onCancel(): void;
}

/** For HTTP 412: both versions side by side, differing fields highlighted; nothing is lost silently. */
export function ConflictDialog({ mine, theirs, labels, opened = true, busy = false, onKeepMine, onTakeTheirs, onCancel }: ConflictDialogProps) {
  const { t } = useTranslation();
  const rows = diffRows(mine, theirs);
  const differing = rows.filter((row) => row.differs).length;
  return (
    <Modal opened={opened} onClose={onCancel} title={labels?.title ?? t('common:conflict.title')} size="xl" data-testid="conflict-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('common:conflict.intro')}</Text>
        <Text size="sm" fw={600} data-testid="conflict-count">
          {t('common:conflict.differences', { count: differing })}
        </Text>
        <ScrollArea.Autosize mah="55vh">
          <Table withTableBorder withColumnBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common:conflict.field')}</Table.Th>
                <Table.Th scope="col">{labels?.mine ?? t('common:conflict.mine')}</Table.Th>
                <Table.Th scope="col">{labels?.theirs ?? t('common:conflict.theirs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <ConflictRow key={row.path} row={row} label={labels?.fields?.[row.path] ?? row.path} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('common:actions.cancel')}
          </Button>
          <Button variant="light" onClick={onTakeTheirs} disabled={busy}>
            {labels?.takeTheirs ?? t('common:conflict.takeTheirs')}
          </Button>
          {onKeepMine && (
            <Button color="orange" onClick={onKeepMine} loading={busy}>
              {labels?.keepMine ?? t('common:conflict.keepMine')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

function ConflictRow({ row, label }: { row: DiffRow; label: string }) {
  const { t } = useTranslation();
  const highlight = row.differs ? { backgroundColor: 'var(--mantine-color-yellow-light)' } : undefined;
  return (
    <Table.Tr data-testid={`conflict-row-${row.path}`} data-differs={row.differs ? 'true' : 'false'} style={highlight}>
      <Table.Th scope="row" fw={row.differs ? 700 : 400}>
        {label}
        {row.differs && (
          <Badge ml="xs" size="xs" color="yellow" variant="filled">
            {t('common:conflict.differs')}
          </Badge>
        )}
      </Table.Th>
      <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
        {row.inMine ? formatLeaf(row.mine) : <Text span c="dimmed">{t('common:conflict.missing')}</Text>}
      </Table.Td>
      <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
        {row.inTheirs ? formatLeaf(row.theirs) : <Text span c="dimmed">{t('common:conflict.missing')}</Text>}
      </Table.Td>
    </Table.Tr>
  );
}
