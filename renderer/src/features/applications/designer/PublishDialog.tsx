import { Button, Collapse, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffDefinitions } from '../../../../../common/domain/application-diff';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useDefinition } from '../api';
import { dataLossOf } from './data-loss';
import { DataLossNotice } from './DataLossNotice';
import { useDesignerStore } from './designer-store';
import { summaryLines, VersionDiff } from './VersionDiff';

/**
 * Asks what changed (for the version history) before publishing, and shows what changes against the
 * published version. When the portal answers that dropped or retyped parts hold data, it says what happens
 * to that data and publishes again only once the administrator confirms (`confirmDataLoss`).
 */
export function PublishDialog({ nextVersion, busy, error, onPublish, onClose }: {
  nextVersion: number;
  busy: boolean;
  error: unknown;
  onPublish: (comment: string, confirmDataLoss: boolean) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [details, setDetails] = useState(false);
  const dataLoss = dataLossOf(error);
  return (
    <Modal opened onClose={onClose} size="lg" title={t('applications:publish.title', { version: nextVersion })} data-testid="publish-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onPublish(comment, dataLoss !== null);
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('applications:publish.intro')}</Text>
          <PublishChanges details={details} onToggle={() => setDetails((open) => !open)} />
          {dataLoss && <DataLossNotice entries={dataLoss} action="publish" />}
          {error !== null && error !== undefined && !dataLoss && <ErrorAlert error={error} />}
          <Textarea label={t('applications:publish.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={500} autosize minRows={2} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common:actions.cancel')}
            </Button>
            {dataLoss ? (
              <Button type="submit" color="red" loading={busy} data-testid="publish-confirm-data-loss">
                {t('applications:publish.confirmDataLoss')}
              </Button>
            ) : (
              <Button type="submit" loading={busy} data-testid="publish-confirm">
                {t('applications:publish.submit')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The draft against the version published now: counts per kind, the full list on demand. */
function PublishChanges({ details, onToggle }: { details: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const applicationId = useDesignerStore((state) => state.applicationId);
  const draft = useDesignerStore((state) => state.definition);
  const published = useDefinition(applicationId ?? '');
  const current = published.data?.value;
  const diff = useMemo(() => (current ? diffDefinitions(current.definition, draft) : null), [current, draft]);
  if (!current || !diff) return null;
  const labels = {
    before: current.version === 0 ? t('applications:versions.compare.empty') : t('applications:history.version', { version: current.version }),
    after: t('applications:versions.compare.draft'),
  };
  return (
    <Stack gap={4} data-testid="publish-changes">
      <Text size="sm" fw={600}>
        {diff.summary.total === 0 ? t('applications:versions.diff.noChanges', labels) : t('applications:versions.diff.total', { count: diff.summary.total, ...labels })}
      </Text>
      {summaryLines(diff, t).map((line) => (
        <Text key={line.entity} size="sm" data-testid={`publish-summary-${line.entity}`}>
          {line.text}
        </Text>
      ))}
      {diff.summary.total > 0 && (
        <>
          <Button variant="subtle" size="compact-sm" onClick={onToggle} aria-expanded={details} style={{ alignSelf: 'flex-start' }} data-testid="publish-show-changes">
            {details ? t('applications:publish.hideChanges') : t('applications:publish.showChanges')}
          </Button>
          <Collapse in={details}>{details && <VersionDiff before={current.definition} after={draft} labels={labels} withSummary={false} />}</Collapse>
        </>
      )}
    </Stack>
  );
}
