import { Badge, Card, Checkbox, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { selectorKey, type ConfigurationChange, type ContentIssue, type SectionDiff } from '../../../../common/domain/portal-configuration';
import { fieldDifferences } from './view';

const kindColour = { created: 'green', changed: 'blue', removed: 'red' } as const;

interface DiffSectionsProps {
  sections: readonly SectionDiff[];
  selection: ReadonlySet<string>;
  issues: readonly ContentIssue[];
  disabled: boolean;
  onChange(keys: readonly string[], selected: boolean): void;
}

function ChangeDetails({ change }: { change: ConfigurationChange }) {
  const { t } = useTranslation();
  const fields = fieldDifferences(change);
  if (fields.length === 0) return null;
  return (
    <List size="xs" ml="xl" spacing={0}>
      {fields.map((field) => (
        <List.Item key={field.field}>
          {field.before === null
            ? t('configuration:import.fieldChangedComplex', { field: field.field })
            : t('configuration:import.fieldChanged', { field: field.field, before: field.before, after: field.after, interpolation: { escapeValue: false } })}
        </List.Item>
      ))}
    </List>
  );
}

function ChangeRow({ change, checked, blockedBy, disabled, onChange }: { change: ConfigurationChange; checked: boolean; blockedBy: readonly ContentIssue[]; disabled: boolean; onChange(selected: boolean): void }) {
  const { t } = useTranslation();
  const label = change.section === 'securityPolicy' || change.section === 'updates' ? t(`configuration:sections.${change.section}`) : change.label;
  return (
    <Stack gap={2} data-testid="configuration-change" data-section={change.section} data-key={change.key} data-kind={change.kind}>
      <Group gap="xs" wrap="nowrap">
        <Checkbox
          checked={checked}
          disabled={disabled || blockedBy.length > 0}
          onChange={(event) => onChange(event.currentTarget.checked)}
          label={label}
        />
        <Badge size="sm" variant="light" color={kindColour[change.kind]}>
          {t(`configuration:change.${change.kind}`)}
        </Badge>
      </Group>
      <ChangeDetails change={change} />
      {blockedBy.map((issue) => (
        <Text key={`${issue.path}:${issue.message}`} size="xs" c="red" ml="xl">
          {t('configuration:import.invalid', { message: issue.message, path: issue.path, interpolation: { escapeValue: false } })}
        </Text>
      ))}
    </Stack>
  );
}

/** Every section of the file with its differences, each with a checkbox; a section's box ticks all of it. */
export function DiffSections({ sections, selection, issues, disabled, onChange }: DiffSectionsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {sections.map((section) => {
        const name = t(`configuration:sections.${section.section}`);
        const keys = section.changes.filter((change) => !issues.some((issue) => selectorKey(issue) === selectorKey(change))).map(selectorKey);
        const chosen = keys.filter((key) => selection.has(key)).length;
        const headingId = `configuration-section-${section.section}`;
        return (
          <Card key={section.section} withBorder padding="md" component="section" aria-labelledby={headingId} data-testid={`configuration-section-${section.section}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={3} size="h5" id={headingId}>
                  {name} ({section.changes.length})
                </Title>
                {keys.length > 0 && (
                  <Checkbox
                    checked={chosen === keys.length}
                    indeterminate={chosen > 0 && chosen < keys.length}
                    disabled={disabled}
                    onChange={(event) => onChange(keys, event.currentTarget.checked)}
                    label={t('configuration:import.selectSection', { section: name })}
                    data-testid={`configuration-select-${section.section}`}
                  />
                )}
              </Group>
              {section.changes.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('configuration:import.sectionNone')}
                </Text>
              ) : (
                section.changes.map((change) => (
                  <ChangeRow
                    key={selectorKey(change)}
                    change={change}
                    checked={selection.has(selectorKey(change))}
                    blockedBy={issues.filter((issue) => selectorKey(issue) === selectorKey(change))}
                    disabled={disabled}
                    onChange={(selected) => onChange([selectorKey(change)], selected)}
                  />
                ))
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
