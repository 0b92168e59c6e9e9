import { Button, Group, Radio, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { parentDeleteRules, systemFields, type ApplicationDefinition, type ParentDeleteRule } from '../../../../../common/domain/application-definition';
import { ConfirmButton } from './ConfirmButton';
import { addField, parentCandidates, removeDataGroup, updateDataGroup } from './definition-ops';
import { useDesignerStore } from './designer-store';

/** Name, table, parent (1:n with its delete rule), the system fields every record has, and adding a field. */
export function DataGroupProperties({ definition, dataGroupId }: { definition: ApplicationDefinition; dataGroupId: string }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const group = definition.dataGroups.find((candidate) => candidate.id === dataGroupId);
  if (!group) return null;
  const addNewField = () => {
    let created = '';
    edit((d) => {
      const result = addField(d, dataGroupId, t('applications:defaults.field'));
      created = result.id;
      return result.definition;
    });
    useDesignerStore.getState().select({ kind: 'field', id: created, dataGroupId });
  };
  const candidates = parentCandidates(definition, dataGroupId);
  const parentKnown = candidates.some((candidate) => candidate.id === group.parentId);
  const children = definition.dataGroups.filter((candidate) => candidate.parentId === dataGroupId).length;
  return (
    <Stack gap="xs" data-testid="group-properties">
      <TextInput label={t('applications:properties.dataGroupName')} value={group.name} onChange={(e) => edit((d) => updateDataGroup(d, dataGroupId, { name: e.currentTarget.value }))} data-testid="prop-group-name" />
      <TextInput
        label={t('applications:properties.tableName')}
        description={t('applications:properties.tableNameHint')}
        value={group.tableName}
        onChange={(e) => edit((d) => updateDataGroup(d, dataGroupId, { tableName: e.currentTarget.value }))}
        ff="monospace"
        data-testid="prop-table-name"
      />
      <Select
        label={t('applications:properties.parent')}
        description={t('applications:properties.parentHint')}
        data={candidates.map((candidate) => ({ value: candidate.id, label: candidate.name || '…' }))}
        value={parentKnown ? group.parentId : null}
        placeholder={group.parentId !== null && !parentKnown ? t('applications:properties.missingGroup') : t('applications:properties.noParent')}
        onChange={(parentId) => edit((d) => updateDataGroup(d, dataGroupId, { parentId }))}
        clearable
        allowDeselect={false}
        data-testid="prop-parent"
      />
      {group.parentId !== null && (
        <Radio.Group
          label={t('applications:properties.onParentDelete')}
          value={group.onParentDelete}
          onChange={(value) => edit((d) => updateDataGroup(d, dataGroupId, { onParentDelete: value as ParentDeleteRule }))}
          data-testid="prop-delete-rule"
        >
          <Stack gap={4} mt={4}>
            {parentDeleteRules.map((rule) => (
              <Radio key={rule} value={rule} label={t(`applications:properties.deleteRule_${rule}`)} data-testid={`prop-delete-rule-${rule}`} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <SystemFields />
      <Button variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={addNewField} data-testid="group-add-field">
        {t('applications:tree.addField')}
      </Button>
      <ConfirmButton
        variant="subtle"
        leftSection={<IconTrash size={14} aria-hidden />}
        title={t('applications:properties.removeDataGroupTitle', { name: group.name })}
        message={[
          t('applications:properties.removeDataGroupMessage', { count: group.fields.length }),
          children > 0 ? t('applications:properties.removeDataGroupChildren', { count: children }) : '',
        ].join(' ').trim()}
        confirmLabel={t('common:actions.delete')}
        onConfirm={() => edit((d) => removeDataGroup(d, dataGroupId), null)}
        data-testid="remove-data-group"
      >
        {t('applications:properties.removeDataGroup')}
      </ConfirmButton>
    </Stack>
  );
}

function SystemFields() {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="system-fields">
      <Group gap={4}>
        <IconLock size={14} aria-hidden />
        <Text size="sm" fw={500}>
          {t('applications:properties.systemFields')}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {t('applications:properties.systemFieldsHint')}
      </Text>
      <Table withRowBorders={false} verticalSpacing={2} fz="xs">
        <Table.Tbody>
          {systemFields.map((field) => (
            <Table.Tr key={field.key} data-testid={`system-field-${field.key}`}>
              <Table.Td ff="monospace">{field.key}</Table.Td>
              <Table.Td>{t(`applications:properties.system_${field.key}`)}</Table.Td>
              <Table.Td c="dimmed">{t(`applications:types.${field.type}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
