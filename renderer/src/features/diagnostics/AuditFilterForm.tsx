import { Autocomplete, Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from './api';
import { useAuditFacets } from './api';
import { useAuditUi } from './audit-store';
import { localInputToIso } from './format';

interface Draft {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

const emptyDraft: Draft = { actor: '', action: '', targetType: '', targetId: '', from: '', to: '' };

/** ISO instant -> the local wall time a datetime-local input shows. */
function isoToLocalInput(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function draftOf(filters: AuditFilters): Draft {
  return {
    actor: filters.actor ?? '',
    action: filters.action ?? '',
    targetType: filters.targetType ?? '',
    targetId: filters.targetId ?? '',
    from: isoToLocalInput(filters.from),
    to: isoToLocalInput(filters.to),
  };
}

function filtersOf(draft: Draft): AuditFilters {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const filters: AuditFilters = {
    actor: text(draft.actor),
    action: text(draft.action),
    targetType: text(draft.targetType),
    targetId: text(draft.targetId),
    from: localInputToIso(draft.from),
    to: localInputToIso(draft.to),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as AuditFilters;
}

/** Filters apply on submit (Enter or the button), so typing does not query the portal on every key. */
export function AuditFilterForm() {
  const { t } = useTranslation();
  const { filters, applyFilters } = useAuditUi();
  const facets = useAuditFacets().data;
  const [draft, setDraft] = useState<Draft>(() => draftOf(filters));
  const next = filtersOf(draft);
  const rangeReversed = next.from !== undefined && next.to !== undefined && Date.parse(next.from) > Date.parse(next.to);
  const set = (field: keyof Draft) => (value: string) => setDraft((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rangeReversed) applyFilters(next);
  };
  const reset = () => {
    setDraft(emptyDraft);
    applyFilters({});
  };

  return (
    <form onSubmit={submit} aria-label={t('diagnostics:audit.filters.legend')} data-testid="audit-filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <Autocomplete label={t('diagnostics:audit.filters.actor')} data={facets?.actors ?? []} value={draft.actor} onChange={set('actor')} />
        <Autocomplete
          label={t('diagnostics:audit.filters.action')}
          description={t('diagnostics:audit.filters.actionHint')}
          data={facets?.actions ?? []}
          value={draft.action}
          onChange={set('action')}
        />
        <Autocomplete
          label={t('diagnostics:audit.filters.targetType')}
          data={facets?.targetTypes ?? []}
          value={draft.targetType}
          onChange={set('targetType')}
        />
        <TextInput label={t('diagnostics:audit.filters.targetId')} value={draft.targetId} onChange={(event) => set('targetId')(event.currentTarget.value)} />
        <TextInput
          type="datetime-local"
          label={t('diagnostics:audit.filters.from')}
          value={draft.from}
          onChange={(event) => set('from')(event.currentTarget.value)}
          error={rangeReversed ? t('diagnostics:audit.filters.rangeError') : undefined}
        />
        <TextInput type="datetime-local" label={t('diagnostics:audit.filters.to')} value={draft.to} onChange={(event) => set('to')(event.currentTarget.value)} />
      </SimpleGrid>
      <Group mt="sm" gap="xs">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />} disabled={rangeReversed}>
          {t('diagnostics:audit.filters.apply')}
        </Button>
        <Button variant="default" onClick={reset}>
          {t('diagnostics:audit.filters.reset')}
        </Button>
      </Group>
    </form>
  );
}
