import { Alert, Button, Card, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseConfigurationFile, selectorKey, type ConfigurationFileProblemCode, type PrincipalMapping, type PrincipalRef } from '../../../../common/domain/portal-configuration';
import { CONFIGURATION_FILE_MAX_CHARS, type ConfigurationApplyResult, type ConfigurationImportPreview } from '../../../../common/portal-api/configuration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorCodeOf, toConsoleError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { usePortalInfo } from '../../lib/session';
import { useApplyImport, usePreviewImport } from './api';
import { DiffSections } from './DiffSections';
import { MappingStep } from './MappingStep';
import { carrySelection, mappingList, refKey, selectedChanges, type MappingChoice } from './view';
import { BusyLine } from '../../components/BusyLine';

interface FileProblem {
  code: ConfigurationFileProblemCode | 'tooLarge';
  params: Record<string, string | number>;
}

interface ChosenFile {
  name: string;
  text: string;
}

const MiB = 1024 * 1024;

/** A portal answer about the file itself (422 configuration_*) reads like the console's own check. */
function fileProblemOfError(error: unknown): FileProblem | null {
  const problemCode = toConsoleError(error).details?.problemCode;
  if (typeof problemCode !== 'string' || !problemCode.startsWith('configuration_')) return null;
  const code = problemCode.slice('configuration_'.length);
  const known: readonly string[] = ['not_json', 'not_a_configuration', 'newer_schema', 'checksum_mismatch', 'invalid_content'];
  return known.includes(code) ? { code: code as ConfigurationFileProblemCode, params: {} } : null;
}

function FileProblemAlert({ problem }: { problem: FileProblem }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert" title={t(`configuration:fileProblems.${problem.code}`, { ...problem.params, interpolation: { escapeValue: false } })} data-testid="configuration-file-problem" data-problem={problem.code}>
      {t('configuration:fileProblems.nothingChanged')}
    </Alert>
  );
}

function AppliedResult({ result, onAnother }: { result: ConfigurationApplyResult; onAnother(): void }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" variant="light" role="status" title={t('configuration:import.applied', { count: result.total })} data-testid="configuration-applied">
      <Stack gap="xs">
        <List size="sm">
          {result.applied.map((counts) => (
            <List.Item key={counts.section}>{t('configuration:import.appliedSection', { ...counts, section: t(`configuration:sections.${counts.section}`) })}</List.Item>
          ))}
        </List>
        {result.skippedRightsEntries > 0 && <Text size="sm">{t('configuration:import.skipped', { count: result.skippedRightsEntries })}</Text>}
        <div>
          <Button variant="light" onClick={onAnother}>
            {t('configuration:import.another')}
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}

/** Import: choose a file, see every difference by section, map missing group names, tick what to apply, apply. */
export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const portal = usePortalInfo();
  const previewing = usePreviewImport();
  const applying = useApplyImport();
  const [fileInputKey, setFileInputKey] = useState(0);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const [preview, setPreview] = useState<ConfigurationImportPreview | null>(null);
  const [missing, setMissing] = useState<PrincipalRef[]>([]);
  const [choices, setChoices] = useState<Record<string, MappingChoice>>({});
  const [mapping, setMapping] = useState<PrincipalMapping[]>([]);
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ConfigurationApplyResult | null>(null);

  const reset = () => {
    setFile(null);
    setProblem(null);
    setPreview(null);
    setMissing([]);
    setChoices({});
    setMapping([]);
    setSelection(new Set());
    setConfirming(false);
    setResult(null);
    previewing.reset();
    applying.reset();
  };

  const runPreview = (text: string, nextMapping: PrincipalMapping[]) => {
    applying.reset();
    setConfirming(false);
    previewing.mutate(
      { file: text, mapping: nextMapping },
      {
        onSuccess: (next) => {
          setMapping(nextMapping);
          setMissing((known) => [...known, ...next.unmappedPrincipals.filter((ref) => !known.some((k) => refKey(k) === refKey(ref)))]);
          setSelection((previous) => carrySelection(previous, preview, next));
          setPreview(next);
        },
      },
    );
  };

  const choose = async (chosen: File | null) => {
    reset();
    if (chosen === null) return;
    if (chosen.size > CONFIGURATION_FILE_MAX_CHARS) {
      setProblem({ code: 'tooLarge', params: { size: (chosen.size / MiB).toFixed(1), limit: CONFIGURATION_FILE_MAX_CHARS / MiB } });
      return;
    }
    const text = await chosen.text();
    const parsed = parseConfigurationFile(text);
    if (!parsed.ok) {
      setProblem({ code: parsed.problem.code, params: parsed.problem.params });
      return;
    }
    setFile({ name: chosen.name, text });
    runPreview(text, []);
  };

  const chooseMapping = (key: string, choice: MappingChoice) => {
    if (file === null || preview === null) return;
    const next = { ...choices, [key]: choice };
    setChoices(next);
    runPreview(file.text, mappingList(next, missing, preview.availablePrincipals));
  };

  const apply = () => {
    if (file === null || preview === null) return;
    const chosen = selectedChanges(preview.sections, selection).map((change) => ({ section: change.section, key: change.key }));
    applying.mutate({ file: file.text, mapping, selection: chosen, etag: preview.etag }, { onSuccess: (done) => setResult(done) });
  };

  const toggle = (keys: readonly string[], on: boolean) =>
    setSelection((previous) => {
      const next = new Set(previous);
      for (const key of keys) {
        if (on) next.add(key);
        else next.delete(key);
      }
      return next;
    });

  const count = preview === null ? 0 : selectedChanges(preview.sections, selection).length;
  const total = preview?.sections.reduce((sum, section) => sum + section.changes.length, 0) ?? 0;
  const undecided = preview?.unmappedPrincipals.length ?? 0;
  const busy = previewing.isPending || applying.isPending;
  const stale = applying.error !== null && errorCodeOf(applying.error) === 'PRECONDITION_FAILED';
  const previewFileProblem = previewing.error === null ? null : fileProblemOfError(previewing.error);
  const hasRemovals = preview?.sections.some((section) => section.changes.some((change) => change.kind === 'removed' && !selection.has(selectorKey(change)))) ?? false;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="configuration-import-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="configuration-import-title">
          {t('configuration:import.title')}
        </Title>
        <Text size="sm">{t('configuration:import.description')}</Text>
        <FileInput
          key={fileInputKey}
          label={t('configuration:import.file')}
          placeholder={t('configuration:import.filePlaceholder')}
          accept="application/json,.json"
          leftSection={<IconFileImport size={18} aria-hidden />}
          onChange={(chosen) => void choose(chosen)}
          disabled={applying.isPending}
          maw={480}
          data-testid="configuration-import-file"
        />
        {problem && <FileProblemAlert problem={problem} />}
        {previewFileProblem && <FileProblemAlert problem={previewFileProblem} />}
        {previewing.error && !previewFileProblem && <ErrorAlert error={previewing.error} onRetry={file ? () => runPreview(file.text, mapping) : undefined} />}
        {previewing.isPending && <BusyLine text={t('configuration:import.reading')} />}

        {preview && result === null && (
          <Stack gap="md" data-testid="configuration-preview">
            <Text size="sm">
              {t('configuration:import.source', {
                portal: preview.source.portalName,
                version: preview.source.portalVersion,
                date: formatDateTime(preview.exportedAt, i18n.language),
                interpolation: { escapeValue: false },
              })}
            </Text>
            {missing.length > 0 && (
              <MappingStep names={missing} available={preview.availablePrincipals} choices={choices} undecided={undecided} busy={busy} onChoose={chooseMapping} />
            )}
            {total === 0 ? (
              <Alert color="blue" variant="light" data-testid="configuration-no-differences">
                {t('configuration:import.noDifferences')}
              </Alert>
            ) : (
              <>
                {hasRemovals && (
                  <Text size="sm" c="dimmed">
                    {t('configuration:import.removalNote')}
                  </Text>
                )}
                <DiffSections sections={preview.sections} selection={selection} issues={preview.contentIssues} disabled={busy} onChange={toggle} />
              </>
            )}
            {stale && (
              <ErrorAlert error={applying.error}>
                <Text size="sm">{t('configuration:import.stale')}</Text>
                <div>
                  <Button variant="light" onClick={() => file && runPreview(file.text, mapping)}>
                    {t('configuration:import.refresh')}
                  </Button>
                </div>
              </ErrorAlert>
            )}
            {applying.error && !stale && <ErrorAlert error={applying.error} onClose={() => applying.reset()} />}
            {applying.isPending && <BusyLine text={t('configuration:import.applying')} />}
            {total > 0 && !confirming && (
              <div>
                <Button onClick={() => setConfirming(true)} disabled={count === 0 || undecided > 0 || busy} data-testid="configuration-apply">
                  {t('configuration:import.apply', { count })}
                </Button>
              </div>
            )}
            {confirming && (
              <Alert color="orange" variant="light" data-testid="configuration-confirm">
                <Stack gap="xs">
                  <Text size="sm">{t('configuration:import.confirm', { count, portal: portal.data?.name ?? '', interpolation: { escapeValue: false } })}</Text>
                  <Group>
                    <Button
                      color="orange"
                      loading={applying.isPending}
                      onClick={() => {
                        setConfirming(false);
                        apply();
                      }}
                      data-testid="configuration-confirm-apply"
                      autoFocus
                    >
                      {t('configuration:import.confirmYes')}
                    </Button>
                    <Button variant="default" onClick={() => setConfirming(false)}>
                      {t('configuration:import.cancel')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
          </Stack>
        )}
        {result && (
          <AppliedResult
            result={result}
            onAnother={() => {
              reset();
              setFileInputKey((key) => key + 1);
            }}
          />
        )}
      </Stack>
    </Card>
  );
}
