import { Alert, Button, FileInput, Group, Modal, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPLICATION_FILE_MAX_CHARS } from '../../../../../common/domain/application-file';
import type { PrincipalMapping, PrincipalRef } from '../../../../../common/domain/portal-configuration';
import type { ApplicationImportPreview, ApplicationImportResult } from '../../../../../common/portal-api/application-transfer';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { errorCodeOf, toConsoleError } from '../../../lib/errors';
import { MappingStep } from '../../configuration/MappingStep';
import { dataLossOf } from '../designer/data-loss';
import { DataLossNotice } from '../designer/DataLossNotice';
import { mappingList, refKey, type MappingChoice } from '../../configuration/view';
import { useImportApplication, useImportPreview } from './api';
import { ImportPreview } from './ImportPreview';
import { checkChosenFile, fileProblemOfCode, importChangesSomething, type FileProblem } from './view';
import { BusyLine } from '../../../components/BusyLine';

function FileProblemAlert({ problem }: { problem: FileProblem }) {
  const { t } = useTranslation();
  const what = problem.params.what;
  const whatText = typeof what === 'string' ? t(`applications:transfer.what.${what}`, { defaultValue: what }) : '';
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={t(`applications:transfer.problems.${problem.code}`, { ...problem.params, whatText, interpolation: { escapeValue: false } })}
      data-testid="application-import-problem"
      data-problem={problem.code}
    >
      {t('applications:transfer.problems.nothingChanged')}
    </Alert>
  );
}

interface Chosen {
  text: string;
  fileName: string;
}

/**
 * Import an application: choose a file -> the console checks it -> the portal's preview (created, changed,
 * removed; rights) -> map names this portal lacks -> import in one transaction -> open it in the designer.
 */
export function ImportWizard({ onClose, onOpen }: { onClose(): void; onOpen(applicationId: string): void }) {
  const { t } = useTranslation();
  const previewing = useImportPreview();
  const importing = useImportApplication();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const [preview, setPreview] = useState<ApplicationImportPreview | null>(null);
  const [missing, setMissing] = useState<PrincipalRef[]>([]);
  const [choices, setChoices] = useState<Record<string, MappingChoice>>({});
  const [mapping, setMapping] = useState<PrincipalMapping[]>([]);
  const [name, setName] = useState('');
  const [result, setResult] = useState<ApplicationImportResult | null>(null);

  const runPreview = (text: string, nextMapping: PrincipalMapping[], asName: string) => {
    importing.reset();
    previewing.mutate(
      { file: text, mapping: nextMapping, ...(asName.trim() ? { name: asName.trim() } : {}) },
      {
        onSuccess: (next) => {
          setMapping(nextMapping);
          setMissing((known) => [...known, ...next.unmappedPrincipals.filter((ref) => !known.some((k) => refKey(k) === refKey(ref)))]);
          setPreview(next);
        },
      },
    );
  };

  const choose = async (file: File | null) => {
    setChosen(null);
    setProblem(null);
    setPreview(null);
    setMissing([]);
    setChoices({});
    setMapping([]);
    previewing.reset();
    importing.reset();
    if (file === null) return;
    const checked = checkChosenFile(file.size, file.size > APPLICATION_FILE_MAX_CHARS ? null : await file.text());
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setChosen({ text: checked.text, fileName: file.name });
    setName(checked.file.application.name);
    runPreview(checked.text, [], checked.file.application.name);
  };

  const chooseMapping = (key: string, choice: MappingChoice) => {
    if (chosen === null || preview === null) return;
    const next = { ...choices, [key]: choice };
    setChoices(next);
    runPreview(chosen.text, mappingList(next, missing, preview.availablePrincipals), name);
  };

  const runImport = (confirmDataLoss = false) => {
    if (chosen === null || preview === null) return;
    importing.mutate({ file: chosen.text, mapping, name: preview.name, etag: preview.etag, confirmDataLoss }, { onSuccess: setResult });
  };

  const portalProblem = previewing.error === null ? null : fileProblemOfCode(toConsoleError(previewing.error).details?.problemCode);
  const stale = importing.error !== null && errorCodeOf(importing.error) === 'PRECONDITION_FAILED';
  const dataLoss = dataLossOf(importing.error);
  const busy = previewing.isPending || importing.isPending;
  const undecided = preview?.unmappedPrincipals.length ?? 0;
  const nameChanged = preview !== null && name.trim() !== '' && name.trim().toLowerCase() !== preview.name.toLowerCase();
  const step = result !== null ? 3 : preview === null ? 0 : missing.length > 0 && undecided > 0 ? 1 : 2;

  return (
    <Modal opened onClose={onClose} size="xl" title={t('applications:transfer.title')} data-testid="application-import-dialog">
      <Stack gap="md">
        <Stepper active={step} size="xs" allowNextStepsSelect={false}>
          <Stepper.Step label={t('applications:transfer.steps.file')} />
          <Stepper.Step label={t('applications:transfer.steps.mapping')} />
          <Stepper.Step label={t('applications:transfer.steps.import')} />
        </Stepper>
        {result === null && (
          <>
            <Text size="sm">{t('applications:transfer.intro')}</Text>
            <FileInput
              label={t('applications:transfer.file')}
              placeholder={t('applications:transfer.filePlaceholder')}
              accept="application/json,.json"
              leftSection={<IconFileImport size={18} aria-hidden />}
              onChange={(file) => void choose(file)}
              disabled={importing.isPending}
              data-testid="application-import-file"
              data-autofocus
            />
          </>
        )}
        {problem && <FileProblemAlert problem={problem} />}
        {portalProblem && <FileProblemAlert problem={portalProblem} />}
        {previewing.error && !portalProblem && <ErrorAlert error={previewing.error} onRetry={chosen ? () => runPreview(chosen.text, mapping, name) : undefined} />}
        {previewing.isPending && <BusyLine text={t('applications:transfer.reading')} />}

        {preview && result === null && (
          <Stack gap="md">
            <Group align="flex-end" gap="xs">
              <TextInput
                label={t('applications:transfer.name')}
                description={t('applications:transfer.nameHint')}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                maxLength={80}
                w={320}
                data-testid="application-import-name"
              />
              <Button variant="default" disabled={!nameChanged || busy} onClick={() => chosen && runPreview(chosen.text, mapping, name)}>
                {t('applications:transfer.checkName')}
              </Button>
            </Group>
            {missing.length > 0 && (
              <MappingStep names={missing} available={preview.availablePrincipals} choices={choices} undecided={undecided} busy={busy} onChoose={chooseMapping} />
            )}
            <ImportPreview preview={preview} />
            {stale && (
              <ErrorAlert error={importing.error}>
                <Text size="sm">{t('applications:transfer.stale')}</Text>
                <div>
                  <Button variant="light" onClick={() => chosen && runPreview(chosen.text, mapping, preview.name)}>
                    {t('applications:transfer.refresh')}
                  </Button>
                </div>
              </ErrorAlert>
            )}
            {dataLoss !== null && (
              <Stack gap="xs">
                <DataLossNotice entries={dataLoss} action="publish" />
                <div>
                  <Button color="orange" onClick={() => runImport(true)} loading={importing.isPending} data-testid="application-import-confirm-data-loss">
                    {t('applications:transfer.confirmDataLoss')}
                  </Button>
                </div>
              </Stack>
            )}
            {importing.error && !stale && dataLoss === null && <ErrorAlert error={importing.error} onClose={() => importing.reset()} />}
            {!importChangesSomething(preview) && (
              <Alert color="blue" variant="light" data-testid="application-import-nothing">
                {t('applications:transfer.nothing')}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                onClick={() => runImport()}
                loading={importing.isPending}
                disabled={busy || undecided > 0 || nameChanged || dataLoss !== null || !importChangesSomething(preview)}
                data-testid="application-import-run"
              >
                {preview.target.action === 'create' ? t('applications:transfer.runCreate') : t('applications:transfer.runUpdate', { next: preview.target.publishedVersion + 1 })}
              </Button>
            </Group>
          </Stack>
        )}
        {result && (
          <Alert color="green" variant="light" role="status" title={t(result.created ? 'applications:transfer.doneCreated' : 'applications:transfer.doneUpdated', { name: result.name, version: result.publishedVersion, interpolation: { escapeValue: false } })} data-testid="application-import-done">
            <Stack gap="xs">
              {result.skippedRightsEntries > 0 && <Text size="sm">{t('applications:transfer.skipped', { count: result.skippedRightsEntries })}</Text>}
              <Group>
                <Button onClick={() => onOpen(result.applicationId)} data-testid="application-import-open" autoFocus>
                  {t('applications:transfer.open')}
                </Button>
                <Button variant="default" onClick={onClose}>
                  {t('applications:transfer.close')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
