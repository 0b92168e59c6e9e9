import { Alert, Button, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DirectoryReport, DirectoryRun, DirectorySample } from '../../../../common/portal-api/directory';
import { formatDateTime } from '../../lib/format';

const SAMPLE_KINDS = ['createUsers', 'updateUsers', 'disableUsers', 'createGroups', 'updateGroups'] as const;

function Samples({ kind, items }: { kind: (typeof SAMPLE_KINDS)[number]; items: DirectorySample[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Stack gap={4} data-testid={`directory-samples-${kind}`}>
      <Text fw={600} size="sm">
        {t(`directory:report.samples.${kind}`)}
      </Text>
      <List size="sm">
        {items.map((item) => (
          <List.Item key={`${item.login}-${item.name}`}>
            {item.login === item.name ? item.name : `${item.login} – ${item.name}`}
            {item.fields && item.fields.length > 0 ? ` (${item.fields.join(', ')})` : ''}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function Counts({ report }: { report: DirectoryReport }) {
  const { t } = useTranslation();
  const { counts } = report;
  const row = (label: string, values: [string, number][]) => (
    <Table.Tr>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td>{values.filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name}`).join(' · ') || t('directory:report.nothing')}</Table.Td>
    </Table.Tr>
  );
  return (
    <Table data-testid="directory-counts">
      <Table.Tbody>
        {row(t('directory:report.users'), [
          [t('directory:report.create'), counts.users.create],
          [t('directory:report.update'), counts.users.update],
          [t('directory:report.disable'), counts.users.disable],
          [t('directory:report.enable'), counts.users.enable],
          [t('directory:report.unchanged'), counts.users.unchanged],
        ])}
        {row(t('directory:report.groups'), [
          [t('directory:report.create'), counts.groups.create],
          [t('directory:report.update'), counts.groups.update],
          [t('directory:report.unchanged'), counts.groups.unchanged],
          [t('directory:report.gone'), counts.groups.gone],
        ])}
      </Table.Tbody>
    </Table>
  );
}

/** A run's report: counts, samples, conflicts, and the stop of the disable guard with its confirmation. */
export function RunReport({ run, onConfirm, confirming }: { run: DirectoryRun; onConfirm: (disable: number) => void; confirming: boolean }) {
  const { t, i18n } = useTranslation();
  const report = run.report;
  return (
    <Paper withBorder p="md" data-testid="directory-report">
      <Stack gap="sm">
        <Title order={3}>{t('directory:report.title', { kind: t(`directory:runs.kinds.${run.kind}`), started: formatDateTime(run.startedAt, i18n.language) })}</Title>
        <Text size="sm" data-testid="directory-run-state">
          {t(`directory:runs.states.${run.state}`)}
        </Text>
        {run.error && <Alert color="red">{t('directory:report.error', { error: run.error })}</Alert>}
        {report && (
          <>
            <Text size="sm">{t('directory:report.inDirectory', { users: report.counts.directoryUsers, groups: report.counts.directoryGroups })}</Text>
            <Counts report={report} />
            <Text size="sm">{t('directory:report.memberships', { add: report.counts.memberships.add, remove: report.counts.memberships.remove })}</Text>
            <Text size="sm">{t('directory:report.orgUnits', { count: report.counts.orgUnits.create })}</Text>
            {report.guard && run.state === 'needs_confirmation' && (
              <Alert color="orange" data-testid="directory-guard">
                <Stack gap="xs">
                  <Text size="sm">{t('directory:report.guard', { disable: report.guard.disable, accounts: report.guard.accounts, limit: report.guard.limitPercent })}</Text>
                  <Button color="orange" loading={confirming} onClick={() => onConfirm(report.guard!.disable)} data-testid="directory-confirm">
                    {t('directory:report.confirm', { disable: report.guard.disable })}
                  </Button>
                </Stack>
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {SAMPLE_KINDS.map((kind) => (
                <Samples key={kind} kind={kind} items={report.samples[kind]} />
              ))}
            </SimpleGrid>
            {report.counts.conflicts > 0 && (
              <Stack gap={4} data-testid="directory-conflicts">
                <Text fw={600} size="sm">
                  {t('directory:report.conflicts', { count: report.counts.conflicts })}
                </Text>
                <List size="sm">
                  {report.conflicts.map((conflict) => (
                    <List.Item key={`${conflict.kind}-${conflict.name}-${conflict.dns.join('|')}`}>
                      {conflict.name}: {t(`directory:report.conflictKinds.${conflict.kind}`)} ({conflict.dns.join('; ')})
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
