import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition } from '../../../../../common/domain/application-definition';
import {
  diffChangeKinds,
  diffDefinitions,
  diffEntityKinds,
  type DefinitionChange,
  type DefinitionDiff,
  type DiffChangeKind,
  type DiffEntityKind,
  type DiffValue,
} from '../../../../../common/domain/application-diff';

export const changeColors: Record<DiffChangeKind, string> = { added: 'green', removed: 'red', changed: 'blue' };

/** Properties whose values are field types or control kinds: shown in the UI language. */
const translatedValues: Record<string, (value: string, t: TFunction) => string> = {
  type: (value, t) => t(`applications:types.${value}`, { defaultValue: value }),
  kind: (value, t) => t(`applications:kinds.${value}`, { defaultValue: value }),
};

/** A shown value: lists joined, yes/no, "none" for null, "(empty)" for an empty text. */
export function formatDiffValue(value: DiffValue, t: TFunction, property = ''): string {
  if (value === null) return t('applications:versions.diff.none');
  if (typeof value === 'boolean') return t(value ? 'applications:versions.diff.yes' : 'applications:versions.diff.no');
  if (Array.isArray(value)) return value.length === 0 ? t('applications:versions.diff.emptyList') : value.join(', ');
  if (value === '') return t('applications:versions.diff.emptyText');
  const translate = translatedValues[property];
  return translate ? translate(String(value), t) : String(value);
}

/** "Data groups: 1 added, 2 changed" and so on, each count pluralised on its own; kinds without changes left out. */
export function summaryLines(diff: DefinitionDiff, t: TFunction): { entity: DiffEntityKind; text: string }[] {
  return diffEntityKinds.flatMap((entity) => {
    const counts = diff.summary[entity];
    const parts = diffChangeKinds.filter((change) => counts[change] > 0).map((change) => t(`applications:versions.diff.count.${change}`, { count: counts[change] }));
    return parts.length === 0 ? [] : [{ entity, text: `${t(`applications:versions.diff.entities.${entity}`)}: ${parts.join(', ')}` }];
  });
}

/**
 * The changes between two versions of an application, grouped by data groups, fields, pages and controls;
 * each marked added, removed or changed (with every changed property before → after). Plain headings,
 * lists and tables, so screen readers and the keyboard walk it like any page.
 */
export function VersionDiff({ before, after, labels, withSummary = true }: {
  before: ApplicationDefinition;
  after: ApplicationDefinition;
  labels: { before: string; after: string };
  /** Off where the counts are shown already (the publish dialog). */
  withSummary?: boolean;
}) {
  const { t } = useTranslation();
  const diff = useMemo(() => diffDefinitions(before, after), [before, after]);
  const summary = summaryLines(diff, t);
  return (
    <Stack gap="sm" data-testid="version-diff" data-total={diff.summary.total}>
      {withSummary && (
        <Stack gap={2} data-testid="diff-summary" aria-live="polite">
          <Text fw={700}>
            {diff.summary.total === 0
              ? t('applications:versions.diff.noChanges', labels)
              : t('applications:versions.diff.total', { count: diff.summary.total, ...labels })}
          </Text>
          {summary.map((line) => (
            <Text key={line.entity} size="sm" data-testid={`diff-summary-${line.entity}`}>
              {line.text}
            </Text>
          ))}
        </Stack>
      )}
      {diffEntityKinds.map((entity) => (
        <EntitySection key={entity} entity={entity} changes={diff.changes.filter((change) => change.entity === entity)} />
      ))}
    </Stack>
  );
}

function EntitySection({ entity, changes }: { entity: DiffEntityKind; changes: DefinitionChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return null;
  const headingId = `diff-heading-${entity}`;
  return (
    <section aria-labelledby={headingId} data-testid={`diff-section-${entity}`}>
      <Title order={3} size="h5" id={headingId} mb={4}>
        {t(`applications:versions.diff.entities.${entity}`)} ({changes.length})
      </Title>
      <List listStyleType="none" spacing="xs" withPadding={false}>
        {changes.map((change) => (
          <List.Item key={`${change.change}:${change.id}`} data-testid={`diff-${entity}-${change.change}-${change.id}`} data-change={change.change}>
            <ChangeEntry change={change} />
          </List.Item>
        ))}
      </List>
    </section>
  );
}

function ChangeEntry({ change }: { change: DefinitionChange }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap" align="baseline">
        <Badge size="sm" variant="light" color={changeColors[change.change]} style={{ flexShrink: 0 }}>
          {t(`applications:versions.diff.change.${change.change}`)}
        </Badge>
        <Text size="sm" fw={600}>
          {change.name || t('applications:versions.diff.unnamed')}
        </Text>
        {change.parentName !== null && (
          <Text size="sm" c="dimmed">
            {t(`applications:versions.diff.parent.${change.entity === 'field' ? 'dataGroup' : 'page'}`, { name: change.parentName })}
          </Text>
        )}
      </Group>
      {change.properties.length > 0 && (
        <Table
          verticalSpacing={2}
          horizontalSpacing="xs"
          fz="sm"
          ml="md"
          style={{ width: 'auto' }}
          aria-label={t('applications:versions.diff.propertiesOf', { name: change.name })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('applications:versions.diff.property')}</Table.Th>
              <Table.Th>{t('applications:versions.diff.before')}</Table.Th>
              <Table.Th>{t('applications:versions.diff.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {change.properties.map((property) => (
              <Table.Tr key={property.property} data-testid={`diff-property-${property.property}`}>
                <Table.Td c="dimmed">{t(`applications:versions.diff.properties.${property.property}`, { defaultValue: property.property })}</Table.Td>
                <Table.Td>
                  <del style={{ textDecorationThickness: 1 }}>{formatDiffValue(property.before, t, property.property)}</del>
                </Table.Td>
                <Table.Td>
                  <span aria-hidden="true">→ </span>
                  <ins style={{ textDecoration: 'none', fontWeight: 600 }}>{formatDiffValue(property.after, t, property.property)}</ins>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
