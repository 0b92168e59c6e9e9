import { Alert, Badge, Button, FileInput, Group, Modal, Progress, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileTypeCsv } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkImportRows } from '../../../../common/domain/user-import';
import type { ImportIssue, ImportJob, ImportRowInput, ImportValidation } from '../../../../common/portal-api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callConsole } from '../../lib/console-client';
import { ActivationCodesOffer } from './ActivationCodesOffer';
import { usersKeys } from './api';
import { downloadText } from '../../lib/download';
import { parseImportCsv, type ParsedImport } from './import-file';
import { NewImportCodes, RecentImports } from './RecentImports';

const SHOWN_ISSUES = 300;
const POLL_MS = 250;

interface Loaded {
  fileName: string;
  rows: Required<ImportRowInput>[];
  malformedRows: number[];
  ignoredColumns: string[];
}

/**
 * CSV import in three steps: pick a file (parsed and checked here at once), preview every problem the
 * portal would refuse (nothing written yet), then a job with a progress bar.
 */
export function ImportModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [fileProblem, setFileProblem] = useState<ParsedImport | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [resumed, setResumed] = useState(false);
  const validate = useMutation({ mutationFn: (rows: ImportRowInput[]) => callConsole('users:importValidate', { rows }) });
  const start = useMutation({ mutationFn: (rows: ImportRowInput[]) => callConsole('users:importStart', { rows }), onSuccess: (job) => setJobId(job.id) });

  const readFile = async (file: File | null) => {
    setLoaded(null);
    setFileProblem(null);
    validate.reset();
    if (file === null) return;
    const parsed = parseImportCsv(await file.text());
    if (!parsed.ok) return setFileProblem(parsed);
    setLoaded({ fileName: file.name, rows: parsed.rows, malformedRows: parsed.malformedRows, ignoredColumns: parsed.mapping.ignored });
    validate.mutate(parsed.rows);
  };

  const running = jobId !== null;
  return (
    <Modal opened onClose={onClose} title={t('users:import.title')} size="xl" closeOnClickOutside={!running}>
      <Stack gap="md" data-testid="import-dialog">
        {jobId === null ? (
          <>
            <RecentImports
              onResumed={(job) => {
                setResumed(true);
                setJobId(job.id);
              }}
            />
            <FileInput
              label={t('users:import.chooseFile')}
              description={t('users:import.fileHint')}
              accept=".csv,text/csv"
              leftSection={<IconFileTypeCsv size={16} aria-hidden />}
              onChange={(file) => void readFile(file)}
              clearable
              data-testid="import-file"
            />
            {fileProblem !== null && !fileProblem.ok && <FileProblem problem={fileProblem} />}
            {loaded !== null && <Preview loaded={loaded} validation={validate.data} pending={validate.isPending} />}
            {validate.error && <ErrorAlert error={validate.error} onRetry={() => loaded && validate.mutate(loaded.rows)} />}
            {start.error && <ErrorAlert error={start.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                disabled={loaded === null || validate.data === undefined || validate.data.valid === 0}
                loading={start.isPending}
                onClick={() => loaded && start.mutate(loaded.rows)}
                data-testid="import-start"
              >
                {t('users:import.start', { count: validate.data?.valid ?? 0 })}
              </Button>
            </Group>
          </>
        ) : (
          <JobProgress jobId={jobId} rows={loaded?.rows ?? []} resumed={resumed} onClose={onClose} />
        )}
      </Stack>
    </Modal>
  );
}

function FileProblem({ problem }: { problem: Extract<ParsedImport, { ok: false }> }) {
  const { t } = useTranslation();
  const details =
    problem.problem === 'missing_columns'
      ? t('users:import.missingColumns', { columns: problem.mapping?.missing.map((field) => t(`users:import.fields.${field}`)).join(', ') })
      : problem.problem === 'too_many_rows'
        ? t('users:import.tooManyRows', { count: problem.rows })
        : t('users:import.empty');
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} data-testid="import-file-problem">
      {details}
    </Alert>
  );
}

function Preview({ loaded, validation, pending }: { loaded: Loaded; validation: ImportValidation | undefined; pending: boolean }) {
  const { t } = useTranslation();
  // The console's own check answers at once; the portal's adds what needs its data (logins taken, groups).
  const local = checkImportRows(loaded.rows);
  const issues = validation?.issues ?? local.issues;
  const invalidRows = new Set(issues.map((issue) => issue.row)).size;
  return (
    <Stack gap="sm" data-testid="import-preview">
      <SimpleGrid cols={3}>
        <Figure label={t('users:import.rows')} value={loaded.rows.length} />
        <Figure label={t('users:import.valid')} value={validation?.valid ?? local.valid.length} color="green" testId="import-valid" />
        <Figure label={t('users:import.invalid')} value={invalidRows} color={invalidRows > 0 ? 'red' : undefined} testId="import-invalid" />
      </SimpleGrid>
      {pending && (
        <Text size="xs" c="dimmed">
          {t('users:import.checking')}
        </Text>
      )}
      {loaded.ignoredColumns.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('users:import.ignoredColumns', { columns: loaded.ignoredColumns.join(', ') })}
        </Text>
      )}
      {loaded.malformedRows.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />}>
          {t('users:import.malformedRows', { rows: loaded.malformedRows.slice(0, 20).join(', ') })}
        </Alert>
      )}
      {issues.length === 0 ? (
        <Alert color="green" icon={<IconCircleCheck aria-hidden />}>
          {t('users:import.noIssues')}
        </Alert>
      ) : (
        <IssueTable issues={issues} rows={loaded.rows} />
      )}
    </Stack>
  );
}

function Figure({ label, value, color, testId }: { label: string; value: number; color?: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {value.toLocaleString()}
      </Text>
    </Stack>
  );
}

function IssueTable({ issues, rows }: { issues: ImportIssue[]; rows?: Required<ImportRowInput>[] }) {
  const { t } = useTranslation();
  return (
    <ScrollArea.Autosize mah="38vh">
      <Table striped stickyHeader data-testid="import-issues">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>{t('users:import.line')}</Table.Th>
            <Table.Th>{t('users:import.login')}</Table.Th>
            <Table.Th>{t('users:import.field')}</Table.Th>
            <Table.Th>{t('users:import.problem')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.slice(0, SHOWN_ISSUES).map((issue) => (
            <Table.Tr key={`${issue.row}:${issue.field}:${issue.code}`} data-row={issue.row}>
              {/* The header is line 1 of the file. */}
              <Table.Td>{issue.row + 1}</Table.Td>
              <Table.Td ff="monospace">{rows?.[issue.row - 1]?.login ?? ''}</Table.Td>
              <Table.Td>{t(`users:import.fields.${issue.field}`)}</Table.Td>
              <Table.Td>
                <Badge color="red" variant="light" mr={6}>
                  {t(`users:import.issue.${issue.code}`, { ...issue.params, defaultValue: issue.code })}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {issues.length > SHOWN_ISSUES && (
        <Text size="xs" c="dimmed" p="xs">
          {t('users:import.moreIssues', { count: issues.length - SHOWN_ISSUES })}
        </Text>
      )}
    </ScrollArea.Autosize>
  );
}

interface JobProps {
  rows: Required<ImportRowInput>[];
  /** Resumed after an interruption: the accounts of both parts get new codes together. */
  resumed: boolean;
  onClose(): void;
}

function JobProgress({ jobId, rows, resumed, onClose }: JobProps & { jobId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: usersKeys.importJob(jobId),
    queryFn: () => callConsole('users:importJob', { jobId }),
    refetchInterval: (query) => (query.state.data?.state === 'running' || query.state.data === undefined ? POLL_MS : false),
  });
  const state = job.data?.state;
  useEffect(() => {
    if (state !== undefined && state !== 'running') void queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
  }, [state, queryClient]);
  if (job.error) return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />;
  if (job.data === undefined) return <Progress value={0} animated aria-label={t('users:import.progressLabel')} />;
  return <JobView job={job.data} rows={rows} resumed={resumed} onClose={onClose} />;
}

/** The portal hands an import's codes out once; they go straight into a file. */
async function downloadImportCodes(jobId: string): Promise<string> {
  const file = await callConsole('users:importActivationCodes', { jobId });
  downloadText(file.filename, file.csv);
  return file.filename;
}

function JobView({ job, rows, resumed, onClose }: JobProps & { job: ImportJob }) {
  const { t } = useTranslation();
  const percent = job.total === 0 ? 100 : Math.round((job.processed / job.total) * 100);
  return (
    <Stack gap="sm" data-testid="import-job" data-state={job.state}>
      <Progress value={percent} animated={job.state === 'running'} color={job.state === 'failed' ? 'red' : undefined} aria-label={t('users:import.progressLabel')} />
      <Text size="sm" aria-live="polite" data-testid="import-job-summary">
        {job.state === 'running'
          ? t('users:import.running', { processed: job.processed, total: job.total })
          : t('users:import.finished', { created: job.created, skipped: job.skipped })}
      </Text>
      {job.error !== null && <Alert color="red">{job.error}</Alert>}
      {job.state !== 'running' && !resumed && job.activationCodes > 0 && <ActivationCodesOffer count={job.activationCodes} download={() => downloadImportCodes(job.id)} />}
      {job.state !== 'running' && resumed && job.created > 0 && (
        <Alert color="orange" data-testid="import-resumed-codes">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('users:import.recent.resumedHint')}</Text>
            <NewImportCodes jobId={job.id} />
          </Stack>
        </Alert>
      )}
      {job.state !== 'running' && job.issues.length > 0 && <IssueTable issues={job.issues} rows={rows} />}
      <Group justify="flex-end">
        <Button onClick={onClose} disabled={job.state === 'running'} data-testid="import-close">
          {t('common:actions.close')}
        </Button>
      </Group>
    </Stack>
  );
}
