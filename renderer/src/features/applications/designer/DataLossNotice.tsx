import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DataImpactEntry } from '../../../../../common/domain/application-data-impact';

const typeName = (type: string, t: TFunction) => t(`applications:types.${type}`, { defaultValue: type });

/** One sentence per part: what happens to the records that hold data in it. */
export function dataLossSentence(entry: DataImpactEntry, t: TFunction): string {
  switch (entry.kind) {
    case 'dataGroupDropped':
      return t('applications:dataLoss.dataGroupDropped', { name: entry.dataGroupName, count: entry.records });
    case 'fieldDropped':
      return t('applications:dataLoss.fieldDropped', { name: entry.fieldName, dataGroup: entry.dataGroupName, count: entry.records });
    case 'fieldRetyped': {
      const base = { name: entry.fieldName, dataGroup: entry.dataGroupName, from: typeName(entry.from, t), to: typeName(entry.to, t) };
      if (entry.cleared === 0) return t('applications:dataLoss.fieldRetypedKept', { ...base, count: entry.records });
      if (entry.cleared >= entry.records) return t('applications:dataLoss.fieldRetypedCleared', { ...base, count: entry.records });
      return t('applications:dataLoss.fieldRetypedSome', { ...base, count: entry.records, cleared: entry.cleared });
    }
  }
}

/** The portal's list of dropped and retyped parts that hold data, said as what happens to that data. */
export function DataLossNotice({ entries, action }: { entries: readonly DataImpactEntry[]; action: 'publish' | 'rollback' }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('applications:dataLoss.title')} data-testid="data-loss">
      <Text size="sm" mb="xs">
        {t(`applications:dataLoss.intro.${action}`)}
      </Text>
      <List size="sm" spacing={4}>
        {entries.map((entry) => (
          <List.Item key={`${entry.kind}:${entry.dataGroupId}:${'fieldId' in entry ? entry.fieldId : ''}`} data-testid={`data-loss-${entry.kind}`}>
            {dataLossSentence(entry, t)}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs" fw={600}>
        {t('applications:dataLoss.irreversible')}
      </Text>
    </Alert>
  );
}
