import { Alert, Badge, Button, Group, Modal, Progress, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activationCodesCsv, activationCodesFileName, type ActivationCodeRow } from '../../../../common/domain/activation-code';
import type { BulkActionName, BulkItemResult, BulkOutcome } from '../../../../common/portal-api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callConsole } from '../../lib/console-client';
import { ActivationCodesOffer } from './ActivationCodesOffer';
import { useGroupOptions, usersKeys } from './api';
import { countOutcomes, runInChunks, type BulkProgress } from './bulk-run';
import { downloadText } from '../../lib/download';
import { useUsersUi, type SelectedUser } from './users-store';

const outcomeColor: Record<BulkOutcome, string> = { ok: 'green', unchanged: 'gray', not_found: 'gray', conflict: 'orange', refused: 'red' };
const SHOWN_RESULTS = 500;

type Phase = { kind: 'confirm' } | { kind: 'running'; progress: BulkProgress } | { kind: 'done'; progress: BulkProgress; error: unknown };

/** Confirms a bulk action, runs it in chunks with a progress bar, then lists the result of every row. */
export function BulkActionModal({ action, onClose }: { action: BulkActionName; onClose(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { selected, updateSelected } = useUsersUi();
  // The rows as selected when the dialog opened; the selection changes while the action runs.
  const [targets] = useState<SelectedUser[]>(() => [...selected.values()]);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'confirm' });
  const groups = useGroupOptions();

  const run = async () => {
    setPhase({ kind: 'running', progress: { done: 0, total: targets.length, results: [] } });
    const outcome = await runInChunks(
      targets,
      async (chunk) => {
        const request = { action, ...(groupId === null ? {} : { groupId }), items: chunk.map(({ id, etag }) => ({ id, etag })) };
        return (await callConsole('users:bulk', request)).results;
      },
      (progress) => setPhase({ kind: 'running', progress }),
    );
    for (const result of outcome.results) {
      const done = result.outcome === 'ok' || result.outcome === 'unchanged' || result.outcome === 'not_found';
      updateSelected(result.id, done ? null : (result.etag ?? selected.get(result.id)?.etag ?? null));
    }
    setPhase({ kind: 'done', progress: outcome, error: outcome.error });
    await queryClient.invalidateQueries({ queryKey: usersKeys.all });
  };

  const running = phase.kind === 'running';
  return (
    <Modal opened onClose={running ? () => undefined : onClose} title={t(`users:bulk.title.${action}`)} size="lg" closeOnClickOutside={!running} withCloseButton={!running}>
      <Stack gap="md" data-testid="bulk-dialog">
        {phase.kind === 'confirm' && (
          <>
            <Text size="sm">{t(`users:bulk.confirm.${action}`, { count: targets.length })}</Text>
            {action === 'delete' && (
              <Alert color="red" icon={<IconAlertTriangle aria-hidden />}>
                {t('users:bulk.deleteWarning')}
              </Alert>
            )}
            {action === 'add_to_group' && (
              <Select
                label={t('users:bulk.group')}
                data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
                value={groupId}
                onChange={setGroupId}
                searchable
                required
                data-autofocus
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                color={action === 'delete' ? 'red' : undefined}
                disabled={action === 'add_to_group' && groupId === null}
                onClick={() => void run()}
                data-testid="bulk-run"
              >
                {t(`users:bulk.run.${action}`, { count: targets.length })}
              </Button>
            </Group>
          </>
        )}
        {phase.kind !== 'confirm' && <ProgressView progress={phase.progress} />}
        {phase.kind === 'done' && (
          <>
            {phase.error !== null && <ErrorAlert error={phase.error} />}
            <IssuedCodes results={phase.progress.results} targets={targets} />
            <ResultTable results={phase.progress.results} targets={targets} />
            <Group justify="flex-end">
              <Button onClick={onClose} data-autofocus>
                {t('common:actions.close')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** The activation codes a run issued, as rows of the CSV: they exist only in this dialog. */
export function issuedCodeRows(results: readonly BulkItemResult[], targets: readonly SelectedUser[]): ActivationCodeRow[] {
  const byId = new Map(targets.map((target) => [target.id, target]));
  return results.flatMap((result) => {
    const target = byId.get(result.id);
    if (result.activationCode === undefined || result.activationCodeValidUntil === undefined || target === undefined) return [];
    const { activationCode, activationCodeValidUntil: validUntil } = result;
    return [{ login: target.login, displayName: target.displayName, email: target.email, activationCode, validUntil }];
  });
}

function IssuedCodes({ results, targets }: { results: BulkItemResult[]; targets: SelectedUser[] }) {
  const rows = useMemo(() => issuedCodeRows(results, targets), [results, targets]);
  if (rows.length === 0) return null;
  const download = async () => {
    const filename = activationCodesFileName(new Date());
    downloadText(filename, activationCodesCsv(rows));
    return filename;
  };
  return <ActivationCodesOffer count={rows.length} download={download} />;
}

function ProgressView({ progress }: { progress: BulkProgress }) {
  const { t } = useTranslation();
  const percent = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  const counts = countOutcomes(progress.results);
  return (
    <Stack gap={4}>
      <Progress value={percent} animated={progress.done < progress.total} aria-label={t('users:bulk.progressLabel')} data-testid="bulk-progress" />
      <Text size="sm" aria-live="polite" data-testid="bulk-summary">
        {t('users:bulk.progress', { done: progress.done, total: progress.total })} ·{' '}
        {(Object.keys(counts) as BulkOutcome[])
          .filter((outcome) => counts[outcome] > 0)
          .map((outcome) => `${t(`users:bulk.outcome.${outcome}`)}: ${counts[outcome]}`)
          .join(' · ')}
      </Text>
    </Stack>
  );
}

function ResultTable({ results, targets }: { results: BulkItemResult[]; targets: SelectedUser[] }) {
  const { t } = useTranslation();
  const byId = useMemo(() => new Map(targets.map((target) => [target.id, target])), [targets]);
  // Problems first, so a refused row is never hidden below hundreds of successes.
  const ordered = useMemo(() => [...results].sort((a, b) => Number(a.outcome === 'ok') - Number(b.outcome === 'ok')), [results]);
  return (
    <ScrollArea.Autosize mah="40vh">
      <Table striped stickyHeader data-testid="bulk-results">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users:bulk.user')}</Table.Th>
            <Table.Th>{t('users:bulk.result')}</Table.Th>
            <Table.Th>{t('users:bulk.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered.slice(0, SHOWN_RESULTS).map((result) => {
            const target = byId.get(result.id);
            return (
              <Table.Tr key={result.id} data-outcome={result.outcome}>
                <Table.Td>
                  <Text size="sm">{target?.displayName ?? result.id}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {target?.login}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={outcomeColor[result.outcome]} variant="light">
                    {t(`users:bulk.outcome.${result.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{result.code === undefined ? '' : t(`users:bulk.code.${result.code}`, { defaultValue: result.detail ?? result.code })}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {ordered.length > SHOWN_RESULTS && (
        <Text size="xs" c="dimmed" p="xs">
          {t('users:bulk.more', { count: ordered.length - SHOWN_RESULTS })}
        </Text>
      )}
    </ScrollArea.Autosize>
  );
}
