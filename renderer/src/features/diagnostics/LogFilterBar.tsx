import { Button, Checkbox, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconFilter, IconRefresh } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerLogLevel } from '../../../../common/portal-api/support';
import { canFollow, isoToZonedInput, LOG_LEVELS, LOG_PRESETS, logQueryOf, type LogFilters, type LogPreset } from './logs-query';
import { useLogsUi } from './logs-store';

interface LogFilterBarProps {
  zone: string;
  /** Where the shown range starts: a new custom range starts there. */
  shownFrom: string | null;
  /** Applies valid filters; a preset range then ends now. */
  onApply(filters: LogFilters): void;
  /** Reads the range again up to now. */
  onRefresh(): void;
}

function isPreset(value: string): value is LogPreset {
  return (LOG_PRESETS as readonly string[]).includes(value);
}

/** Range, level and follow apply at once; the text and a custom range on Enter or "Filter". */
export function LogFilterBar({ zone, shownFrom, onApply, onRefresh }: LogFilterBarProps) {
  const { t } = useTranslation();
  const { filters, follow, hideLogQueries, setFollow, setHideLogQueries } = useLogsUi();
  const [draft, setDraft] = useState<LogFilters>(filters);
  const check = logQueryOf(draft, zone, new Date().toISOString());
  const problem = check.ok ? null : t(`diagnostics:logs.filters.problems.${check.problem}`);

  const applyIfValid = (next: LogFilters) => {
    setDraft(next);
    if (logQueryOf(next, zone, new Date().toISOString()).ok) onApply(next);
  };
  const choosePreset = (value: string) => {
    if (!isPreset(value)) return;
    const startsCustom = value === 'custom' && draft.customFrom === '' && shownFrom !== null;
    // A new custom range starts where the shown one starts, so the list does not jump.
    const from = startsCustom ? isoToZonedInput(shownFrom, zone) : draft.customFrom;
    applyIfValid({ ...draft, preset: value, customFrom: from });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check.ok) onApply(draft);
  };
  const set = (field: 'customFrom' | 'customTo' | 'contains') => (value: string) => setDraft((current) => ({ ...current, [field]: value }));
  const followable = canFollow(filters);

  return (
    <form onSubmit={submit} aria-label={t('diagnostics:logs.filters.legend')} data-testid="log-filters">
      <Stack gap="sm">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="log-range-label">
              {t('diagnostics:logs.filters.range')}
            </Text>
            <SegmentedControl
              aria-labelledby="log-range-label"
              value={draft.preset}
              onChange={choosePreset}
              data={LOG_PRESETS.map((preset) => ({ value: preset, label: t(`diagnostics:logs.filters.presets.${preset}`) }))}
              data-testid="log-range"
            />
          </Stack>
          <NativeSelect
            label={t('diagnostics:logs.filters.level')}
            value={draft.level}
            onChange={(event) => applyIfValid({ ...draft, level: event.currentTarget.value as ServerLogLevel })}
            data={LOG_LEVELS.map((level) => ({ value: level, label: t(`diagnostics:logs.levels.${level}`) }))}
          />
          <TextInput
            label={t('diagnostics:logs.filters.contains')}
            placeholder={t('diagnostics:logs.filters.containsHint')}
            value={draft.contains}
            maxLength={200}
            onChange={(event) => set('contains')(event.currentTarget.value)}
            style={{ flex: '1 1 220px' }}
          />
          <Group gap="xs">
            <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />} disabled={!check.ok}>
              {t('diagnostics:logs.filters.apply')}
            </Button>
            <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onRefresh}>
              {t('diagnostics:logs.filters.refresh')}
            </Button>
          </Group>
        </Group>
        {draft.preset === 'custom' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              type="datetime-local"
              label={t('diagnostics:logs.filters.from')}
              description={t('diagnostics:logs.filters.zoneHint', { zone })}
              value={draft.customFrom}
              onChange={(event) => set('customFrom')(event.currentTarget.value)}
              error={problem}
              required
            />
            <TextInput
              type="datetime-local"
              label={t('diagnostics:logs.filters.to')}
              description={t('diagnostics:logs.filters.toHint')}
              value={draft.customTo}
              onChange={(event) => set('customTo')(event.currentTarget.value)}
            />
          </SimpleGrid>
        )}
        <Group gap="lg">
          <Switch
            label={t('diagnostics:logs.follow')}
            description={
              followable ? t('diagnostics:logs.followHint') : t('diagnostics:logs.followNeedsOpenEnd')
            }
            checked={follow && followable}
            disabled={!followable}
            onChange={(event) => setFollow(event.currentTarget.checked)}
            data-testid="log-follow"
          />
          <Checkbox
            label={t('diagnostics:logs.hideLogQueries')}
            checked={hideLogQueries}
            onChange={(event) => setHideLogQueries(event.currentTarget.checked)}
          />
        </Group>
      </Stack>
    </form>
  );
}
