import { Group, Loader, Modal, Select, Stack } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyApplicationDefinition } from '../../../../../common/domain/application-definition';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useDesignerStore } from './designer-store';
import { useVersionDefinition } from './version-api';
import { VersionDiff } from './VersionDiff';

/** What a side of the comparison shows: a published version, the draft being edited, or nothing (before version 1). */
export type CompareSide = 'draft' | 'empty' | `${number}`;

export function sideLabel(side: CompareSide, t: TFunction): string {
  if (side === 'draft') return t('applications:versions.compare.draft');
  if (side === 'empty') return t('applications:versions.compare.empty');
  return t('applications:history.version', { version: Number(side) });
}

const EMPTY = emptyApplicationDefinition();

const versionOf = (side: CompareSide): number | null => (side === 'draft' || side === 'empty' ? null : Number(side));

/** The versions to pick from: those listed, plus a picked one whose page of the list is not loaded; newest first. */
function listed(versions: readonly number[], sides: readonly CompareSide[]): number[] {
  const picked = sides.map(versionOf).filter((version): version is number => version !== null);
  return [...new Set([...versions, ...picked])].sort((a, b) => b - a);
}

/** The definition one side shows: loaded for a version, taken from the designer for the draft. */
function useSide(applicationId: string, side: CompareSide) {
  const draft = useDesignerStore((state) => state.definition);
  const version = useVersionDefinition(applicationId, versionOf(side));
  if (side === 'draft') return { definition: draft, error: null, refetch: () => undefined };
  if (side === 'empty') return { definition: EMPTY, error: null, refetch: () => undefined };
  return { definition: version.data?.definition ?? null, error: version.error, refetch: () => void version.refetch() };
}

/** Any two versions (and the draft) side by side as a readable list of changes; both pickers stay open to change. */
export function VersionCompareDialog({ applicationId, versions, initial, onClose }: {
  applicationId: string;
  /** Published versions, newest first. */
  versions: readonly number[];
  initial: { before: CompareSide; after: CompareSide };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [before, setBefore] = useState<CompareSide>(initial.before);
  const [after, setAfter] = useState<CompareSide>(initial.after);
  const left = useSide(applicationId, before);
  const right = useSide(applicationId, after);
  const options = [
    { value: 'draft', label: sideLabel('draft', t) },
    ...listed(versions, [before, after]).map((version) => ({ value: String(version), label: sideLabel(`${version}`, t) })),
    { value: 'empty', label: sideLabel('empty', t) },
  ];
  return (
    <Modal opened onClose={onClose} size="xl" title={t('applications:versions.compare.title')} data-testid="version-compare">
      <Stack gap="md">
        <Group grow align="flex-end">
          <Select
            label={t('applications:versions.compare.before')}
            data={options}
            value={before}
            onChange={(value) => value && setBefore(value as CompareSide)}
            allowDeselect={false}
            data-testid="compare-before"
          />
          <Select
            label={t('applications:versions.compare.after')}
            data={options}
            value={after}
            onChange={(value) => value && setAfter(value as CompareSide)}
            allowDeselect={false}
            data-testid="compare-after"
          />
        </Group>
        {left.error && <ErrorAlert error={left.error} onRetry={left.refetch} />}
        {right.error && <ErrorAlert error={right.error} onRetry={right.refetch} />}
        {left.definition && right.definition ? (
          <VersionDiff before={left.definition} after={right.definition} labels={{ before: sideLabel(before, t), after: sideLabel(after, t) }} />
        ) : (
          !left.error && !right.error && <Loader size="sm" aria-label={t('common:loading')} />
        )}
      </Stack>
    </Modal>
  );
}

