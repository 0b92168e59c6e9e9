import { ActionIcon, Badge, Button, Group, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconDatabase, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, DataGroupDefinition, FieldDefinition } from '../../../../../common/domain/application-definition';
import { addDataGroup, addField } from './definition-ops';
import { useDesignerStore } from './designer-store';

/** Data groups and their fields; selecting one shows its properties on the right. */
export function DataTree({ definition, withIssues }: { definition: ApplicationDefinition; withIssues: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const addGroup = () => {
    let created = '';
    edit((d) => {
      const result = addDataGroup(d, t('applications:defaults.dataGroup'));
      created = result.id;
      return result.definition;
    });
    useDesignerStore.getState().select({ kind: 'dataGroup', id: created });
  };
  return (
    <Stack gap="xs" component="section" aria-label={t('applications:tree.heading')} data-testid="data-tree">
      <Title order={2} size="h5">
        {t('applications:tree.heading')}
      </Title>
      {definition.dataGroups.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('applications:tree.empty')}
        </Text>
      )}
      {/* A list of toggle buttons, not an ARIA tree: each group also holds its own "add field" button. */}
      <Stack gap={4} role="list" aria-label={t('applications:tree.heading')}>
        {definition.dataGroups.map((group) => (
          <GroupNode key={group.id} group={group} withIssues={withIssues} />
        ))}
      </Stack>
      <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={addGroup} data-testid="add-data-group">
        {t('applications:tree.addDataGroup')}
      </Button>
    </Stack>
  );
}

function TreeItem({ label, detail, selected, hasIssue, onSelect, level, testId }: {
  label: string;
  detail: string;
  selected: boolean;
  hasIssue: boolean;
  onSelect: () => void;
  level: 1 | 2;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      aria-pressed={selected}
      onClick={onSelect}
      className="mantine-focus-auto"
      px="xs"
      py={4}
      pl={level === 2 ? 'lg' : 'xs'}
      bg={selected ? 'var(--mantine-color-blue-light)' : undefined}
      style={{ borderRadius: 4, display: 'block', width: '100%' }}
      data-testid={testId}
    >
      <Group gap={6} wrap="nowrap">
        {level === 1 && <IconDatabase size={14} aria-hidden />}
        <Text size="sm" fw={level === 1 ? 600 : 400} truncate style={{ flex: 1 }}>
          {label || '…'}
        </Text>
        <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
          {detail}
        </Badge>
        {hasIssue && <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-label={t('applications:canvas.hasIssue')} />}
      </Group>
    </UnstyledButton>
  );
}

function GroupNode({ group, withIssues }: { group: DataGroupDefinition; withIssues: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const selection = useDesignerStore((state) => state.selection);
  const select = useDesignerStore((state) => state.select);
  const edit = useDesignerStore((state) => state.edit);
  const addNewField = () => {
    let created = '';
    edit((d) => {
      const result = addField(d, group.id, t('applications:defaults.field'));
      created = result.id;
      return result.definition;
    });
    select({ kind: 'field', id: created, dataGroupId: group.id });
  };
  return (
    <Stack gap={2} role="listitem">
      <Group gap={4} wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <TreeItem
            level={1}
            label={group.name}
            detail={group.tableName}
            selected={selection?.kind === 'dataGroup' && selection.id === group.id}
            hasIssue={withIssues.has(group.id)}
            onSelect={() => select({ kind: 'dataGroup', id: group.id })}
            testId={`tree-group-${group.name}`}
          />
        </div>
        <Tooltip label={t('applications:tree.addFieldTo', { name: group.name })}>
          <ActionIcon variant="subtle" onClick={addNewField} aria-label={t('applications:tree.addFieldTo', { name: group.name })} data-testid={`add-field-${group.name}`}>
            <IconPlus size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {group.fields.length > 0 && (
        <Stack gap={2} role="list" aria-label={group.name}>
          {group.fields.map((field: FieldDefinition) => (
            <div key={field.id} role="listitem">
              <TreeItem
                level={2}
                label={`${field.name}${field.required ? ' *' : ''}`}
                detail={t(`applications:types.${field.type}`)}
                selected={selection?.kind === 'field' && selection.id === field.id}
                hasIssue={withIssues.has(field.id)}
                onSelect={() => select({ kind: 'field', id: field.id, dataGroupId: group.id })}
                testId={`tree-field-${field.name}`}
              />
            </div>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
