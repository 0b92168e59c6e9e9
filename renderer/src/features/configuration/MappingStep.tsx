import { Alert, Card, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PrincipalRef } from '../../../../common/domain/portal-configuration';
import { refKey, type MappingChoice } from './view';

interface MappingStepProps {
  /** Every name the file uses that this portal lacks (also those already decided). */
  names: readonly PrincipalRef[];
  available: readonly PrincipalRef[];
  choices: Readonly<Record<string, MappingChoice>>;
  undecided: number;
  busy: boolean;
  onChoose(key: string, choice: MappingChoice): void;
}

/** Group names the target lacks: each is mapped to an existing group/role/list or its entries are left out; each choice reads the preview again. */
export function MappingStep({ names, available, choices, undecided, busy, onChoose }: MappingStepProps) {
  const { t } = useTranslation();
  const options = [
    { value: 'skip', label: t('configuration:mapping.skip') },
    ...available.map((ref) => ({ value: refKey(ref), label: `${ref.name} (${t(`configuration:kinds.${ref.kind}`)})` })),
  ];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="configuration-mapping-title" data-testid="configuration-mapping">
      <Stack gap="sm">
        <Title order={3} size="h4" id="configuration-mapping-title">
          {t('configuration:mapping.title')}
        </Title>
        <Text size="sm">{t('configuration:mapping.description')}</Text>
        {names.map((ref) => (
          <Select
            key={refKey(ref)}
            label={t('configuration:mapping.target', { kind: t(`configuration:kinds.${ref.kind}`), name: ref.name, interpolation: { escapeValue: false } })}
            placeholder={t('configuration:mapping.choose')}
            data={options}
            searchable
            value={choices[refKey(ref)] || null}
            onChange={(value) => onChoose(refKey(ref), value ?? '')}
            disabled={busy}
            maw={480}
            data-testid={`configuration-mapping-${refKey(ref)}`}
          />
        ))}
        {undecided > 0 && (
          <Alert color="yellow" variant="light">
            {t('configuration:mapping.undecided', { count: undecided })}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
