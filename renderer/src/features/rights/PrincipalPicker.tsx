import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrincipalRef } from '../../../../common/portal-api/rights';
import { usePrincipalSearch } from './api';
import { PrincipalLabel } from './parts';

export interface PrincipalPickerProps {
  label: string;
  kinds: readonly PrincipalRef['kind'][];
  value: PrincipalRef | null;
  onChange(principal: PrincipalRef | null): void;
  /** Ids that cannot be picked here (e.g. the group itself, existing entries). */
  exclude?: ReadonlySet<string>;
  description?: string;
  testId?: string;
  autoFocus?: boolean;
}

/** Searches users, groups, roles and lists on the portal as the administrator types. */
export function PrincipalPicker({ label, kinds, value, onChange, exclude, description, testId, autoFocus }: PrincipalPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const results = usePrincipalSearch(value && search === value.name ? '' : debounced, kinds);
  const byId = useMemo(() => {
    const found = new Map<string, PrincipalRef>();
    for (const ref of results.data ?? []) if (!exclude?.has(ref.id)) found.set(ref.id, ref);
    if (value) found.set(value.id, value);
    return found;
  }, [results.data, exclude, value]);
  const data = [...byId.values()].map((ref) => ({ value: ref.id, label: ref.name }));
  const nothingFound = debounced.trim().length === 0 ? t('rights:picker.typeToSearch') : results.isFetching ? t('common:loading') : t('rights:picker.nothingFound');

  return (
    <Select
      label={label}
      description={description}
      placeholder={t('rights:picker.placeholder')}
      searchable
      clearable
      data-autofocus={autoFocus ? true : undefined}
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      // The portal has already filtered: show what it found.
      filter={({ options }) => options}
      onChange={(id) => onChange(id === null ? null : (byId.get(id) ?? null))}
      nothingFoundMessage={nothingFound}
      renderOption={({ option }) => {
        const ref = byId.get(option.value);
        return ref ? <PrincipalLabel principal={ref} /> : option.label;
      }}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={320}
      data-testid={testId}
    />
  );
}
