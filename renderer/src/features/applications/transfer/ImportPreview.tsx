import { Badge, Card, Group, List, Spoiler, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApplicationImportPreview as Preview } from '../../../../../common/portal-api/application-transfer';
import { formatDateTime } from '../../../lib/format';
import { changeTotals, type ChangeKind } from './view';

const kindColors: Record<ChangeKind, string> = { added: 'green', changed: 'blue', removed: 'red' };
const entities = ['dataGroup', 'field', 'page', 'control'] as const;

/** Where the import goes (new application or the next version of the same-named one) and where the file comes from. */
function Target({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation();
  const plain = { interpolation: { escapeValue: false } };
  return (
    <Stack gap={4}>
      <Text size="sm">
        {t('applications:transfer.source', {
          portal: preview.source.portalName,
          version: preview.sourceVersion,
          date: formatDateTime(preview.exportedAt, i18n.language),
          ...plain,
        })}
      </Text>
      <Text fw={600} data-testid="application-import-target" data-action={preview.target.action}>
        {preview.target.action === 'create'
          ? t('applications:transfer.targetCreate', { name: preview.name, ...plain })
          : t('applications:transfer.targetUpdate', { name: preview.target.name, version: preview.target.publishedVersion, next: preview.target.publishedVersion + 1, ...plain })}
      </Text>
    </Stack>
  );
}

/** Created / changed / removed per kind of item, then every single change (folded when long). */
function Changes({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const totals = changeTotals(preview);
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="application-import-changes" data-testid="application-import-changes">
      <Stack gap="xs">
        <Title order={3} size="h5" id="application-import-changes">
          {t('applications:transfer.changes.title')}
        </Title>
        {!preview.definitionChanged ? (
          <Text size="sm" data-testid="application-import-same">
            {t('applications:transfer.changes.same')}
          </Text>
        ) : (
          <>
            <Group gap="xs" data-testid="application-import-totals">
              {(['added', 'changed', 'removed'] as const).map((kind) => (
                <Badge key={kind} color={kindColors[kind]} variant="light" data-kind={kind} data-count={totals[kind]}>
                  {t(`applications:transfer.changes.${kind}`, { count: totals[kind] })}
                </Badge>
              ))}
            </Group>
            <List size="sm">
              {entities.map((entity) => {
                const counts = preview.summary[entity];
                if (counts.added + counts.changed + counts.removed === 0) return null;
                return (
                  <List.Item key={entity}>
                    {t(`applications:transfer.entities.${entity}`)}: {t('applications:transfer.changes.line', counts)}
                  </List.Item>
                );
              })}
            </List>
            <Spoiler maxHeight={160} showLabel={t('applications:transfer.changes.more', { count: preview.changes.length })} hideLabel={t('applications:transfer.changes.less')}>
              <Table withTableBorder={false} verticalSpacing={2} fz="sm" data-testid="application-import-change-list">
                <Table.Tbody>
                  {preview.changes.map((change) => (
                    <Table.Tr key={`${change.entity}:${change.id}`} data-change={change.change} data-entity={change.entity}>
                      <Table.Td w={110}>
                        <Badge size="sm" variant="light" color={kindColors[change.change]}>
                          {t(`applications:transfer.kinds.${change.change}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{t(`applications:transfer.entity.${change.entity}`)}</Table.Td>
                      <Table.Td fw={500}>
                        {change.name}
                        {change.parentName !== null && <Text span c="dimmed"> ({change.parentName})</Text>}
                      </Table.Td>
                      <Table.Td c="dimmed">{change.properties.map((property) => property.property).join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Spoiler>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The rights the file brings, by name: kept, mapped to another name, left out or still undecided. */
function Rights({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const { rights } = preview;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="application-import-rights" data-testid="application-import-rights">
      <Stack gap="xs">
        <Title order={3} size="h5" id="application-import-rights">
          {t('applications:transfer.rights.title')}
        </Title>
        <Text size="sm">
          {t('applications:transfer.rights.defaultLevel', { level: t(`rights:levels.${rights.defaultLevel}`) })}
          {rights.defaultLevelBefore !== null && rights.defaultLevelBefore !== rights.defaultLevel && (
            <Text span c="dimmed"> {t('applications:transfer.rights.before', { level: t(`rights:levels.${rights.defaultLevelBefore}`) })}</Text>
          )}
        </Text>
        {rights.entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('applications:transfer.rights.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('applications:transfer.rights.from')}</Table.Th>
                <Table.Th scope="col">{t('applications:transfer.rights.to')}</Table.Th>
                <Table.Th scope="col">{t('applications:transfer.rights.level')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rights.entries.map((entry) => (
                <Table.Tr key={`${entry.from.kind}:${entry.from.name}`} data-testid="application-import-right" data-status={entry.status}>
                  <Table.Td>
                    {entry.from.name} <Text span c="dimmed">({t(`configuration:kinds.${entry.from.kind}`)})</Text>
                  </Table.Td>
                  <Table.Td>{entry.to === null ? t(`applications:transfer.rights.status.${entry.status}`) : `${entry.to.name}${entry.status === 'mapped' ? ` (${t('applications:transfer.rights.status.mapped')})` : ''}`}</Table.Td>
                  <Table.Td>{t(`rights:levels.${entry.level}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {rights.keptUserEntries > 0 && (
          <Text size="sm" c="dimmed">
            {t('applications:transfer.rights.users', { count: rights.keptUserEntries })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The preview of one import: target, what the definition creates, changes and removes, and the rights. */
export function ImportPreview({ preview }: { preview: Preview }) {
  return (
    <Stack gap="sm" data-testid="application-import-preview">
      <Target preview={preview} />
      <Changes preview={preview} />
      <Rights preview={preview} />
    </Stack>
  );
}
