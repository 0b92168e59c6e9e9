import { ActionIcon, Badge, Button, Group, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconCornerDownRight, IconDatabase, IconPlus } from '@tabler/icons-react';
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataGroupDefinition, FieldDefinition } from '../../../../../common/domain/application-definition';
import { addDataGroup, addField } from './definition-ops';
import { useDesignerStore, type Selection } from './designer-store';

/** Each group with the groups nested under it (parent/child); groups in a broken parent chain show at the top. */
export function groupForest(groups: readonly DataGroupDefinition[]): { roots: DataGroupDefinition[]; childrenOf: Map<string, DataGroupDefinition[]> } {
  const ids = new Set(groups.map((group) => group.id));
  const childrenOf = new Map<string, DataGroupDefinition[]>();
  for (const group of groups) {
    if (group.parentId === null || !ids.has(group.parentId)) continue;
    childrenOf.set(group.parentId, [...(childrenOf.get(group.parentId) ?? []), group]);
  }
  const roots = groups.filter((group) => group.parentId === null || !ids.has(group.parentId));
  const reached = new Set<string>();
  const visit = (group: DataGroupDefinition) => {
    if (reached.has(group.id)) return;
    reached.add(group.id);
    (childrenOf.get(group.id) ?? []).forEach(visit);
  };
  roots.forEach(visit);
  // A cycle (only from a hand-edited document) would hide its groups: show them at the top, unnested.
  for (const group of groups) {
    if (!reached.has(group.id)) {
      roots.push(group);
      reached.add(group.id);
      childrenOf.delete(group.id);
    }
  }
  return { roots, childrenOf };
}

/**
 * Data groups (children nested under their parent) and their fields; selecting one shows its properties on the right.
 * It takes only the data groups, so an edit of a page (every move on the canvas) re-renders none of it.
 */
export const DataTree = memo(function DataTree({ dataGroups, withIssues }: { dataGroups: readonly DataGroupDefinition[]; withIssues: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const forest = groupForest(dataGroups);
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
      {dataGroups.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('applications:tree.empty')}
        </Text>
      )}
      {/* A list of toggle buttons, not an ARIA tree: each group also holds its own "add field" button. */}
      <Stack gap={4} role="list" aria-label={t('applications:tree.heading')}>
        {forest.roots.map((group) => (
          <GroupNode key={group.id} group={group} dataGroups={dataGroups} childrenOf={forest.childrenOf} depth={0} withIssues={withIssues} />
        ))}
      </Stack>
      <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={addGroup} data-testid="add-data-group">
        {t('applications:tree.addDataGroup')}
      </Button>
    </Stack>
  );
});

// Selectors giving the selected group's or field's id: a selection elsewhere (a control) re-renders no tree node.
const selectedGroupId = (state: { selection: Selection | null }) => (state.selection?.kind === 'dataGroup' ? state.selection.id : null);
const selectedFieldId = (state: { selection: Selection | null }) => (state.selection?.kind === 'field' ? state.selection.id : null);

function TreeItem({ label, detail, selected, hasIssue, onSelect, group, indent, testId, children, below }: {
  label: string;
  detail: string;
  selected: boolean;
  hasIssue: boolean;
  onSelect: () => void;
  /** A data group (bold, with its icon) rather than a field. */
  group: boolean;
  /** Nesting depth, for the left indent. */
  indent: number;
  testId: string;
  /** Shown after the name (a reference's target). */
  children?: ReactNode;
  /** A second line under the name (a child group's relation), so a long marker never hides the name. */
  below?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      aria-pressed={selected}
      onClick={onSelect}
      className="mantine-focus-auto"
      px="xs"
      py={4}
      bg={selected ? 'var(--mantine-color-blue-light)' : undefined}
      style={{ borderRadius: 4, display: 'block', width: '100%', paddingLeft: 8 + indent * 16 }}
      data-testid={testId}
    >
      <Group gap={6} wrap="nowrap">
        {group && <IconDatabase size={14} aria-hidden />}
        <Text size="sm" fw={group ? 600 : 400} truncate style={{ flex: 1 }}>
          {label || '…'}
        </Text>
        {children}
        <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
          {detail}
        </Badge>
        {hasIssue && <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-label={t('applications:canvas.hasIssue')} />}
      </Group>
      {below}
    </UnstyledButton>
  );
}

function GroupNode({ group, dataGroups, childrenOf, depth, withIssues }: {
  group: DataGroupDefinition;
  dataGroups: readonly DataGroupDefinition[];
  childrenOf: ReadonlyMap<string, DataGroupDefinition[]>;
  depth: number;
  withIssues: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const groupSelected = useDesignerStore(selectedGroupId);
  const fieldSelected = useDesignerStore(selectedFieldId);
  const select = useDesignerStore((state) => state.select);
  const edit = useDesignerStore((state) => state.edit);
  const children = childrenOf.get(group.id) ?? [];
  const parent = depth > 0 ? dataGroups.find((candidate) => candidate.id === group.parentId) : undefined;
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
    <Stack gap={2} role="listitem" data-testid={`tree-node-${group.name}`} data-depth={depth}>
      <Group gap={4} wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <TreeItem
            group
            indent={depth}
            label={group.name}
            detail={group.tableName}
            selected={groupSelected === group.id}
            hasIssue={withIssues.has(group.id)}
            onSelect={() => select({ kind: 'dataGroup', id: group.id })}
            testId={`tree-group-${group.name}`}
            below={parent && <RelationMarker parent={parent} child={group} />}
          />
        </div>
        <Tooltip label={t('applications:tree.addFieldTo', { name: group.name })}>
          <ActionIcon variant="subtle" onClick={addNewField} aria-label={t('applications:tree.addFieldTo', { name: group.name })} data-testid={`add-field-${group.name}`}>
            <IconPlus size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {group.fields.length > 0 && (
        <Stack gap={2} role="list" aria-label={t('applications:tree.fieldsOf', { name: group.name })}>
          {group.fields.map((field: FieldDefinition) => (
            <div key={field.id} role="listitem">
              <TreeItem
                group={false}
                indent={depth + 1}
                label={`${field.name}${field.required ? ' *' : ''}`}
                detail={t(`applications:types.${field.type}`)}
                selected={fieldSelected === field.id}
                hasIssue={withIssues.has(field.id)}
                onSelect={() => select({ kind: 'field', id: field.id, dataGroupId: group.id })}
                testId={`tree-field-${field.name}`}
              >
                {field.type === 'reference' && <ReferenceMarker dataGroups={dataGroups} field={field} />}
              </TreeItem>
            </div>
          ))}
        </Stack>
      )}
      {children.length > 0 && (
        <Stack gap={2} role="list" aria-label={t('applications:tree.childrenOf', { name: group.name })} data-testid={`tree-children-${group.name}`}>
          {children.map((child) => (
            <GroupNode key={child.id} group={child} dataGroups={dataGroups} childrenOf={childrenOf} depth={depth + 1} withIssues={withIssues} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** "1:n" under the parent, with what deleting a parent record does to this group's records. */
function RelationMarker({ parent, child }: { parent: DataGroupDefinition; child: DataGroupDefinition }) {
  const { t } = useTranslation();
  const rule = t(`applications:tree.rule_${child.onParentDelete}`);
  return (
    <Tooltip label={t('applications:tree.childOf', { parent: parent.name, rule })}>
      <Badge
        size="xs"
        variant="light"
        color={child.onParentDelete === 'cascade' ? 'orange' : 'blue'}
        leftSection={<IconCornerDownRight size={10} aria-hidden />}
        mt={2}
        aria-label={t('applications:tree.childOf', { parent: parent.name, rule })}
        data-testid={`tree-relation-${child.name}`}
        data-rule={child.onParentDelete}
      >
        1:n · {rule}
      </Badge>
    </Tooltip>
  );
}

/** "→ Target" for a reference field (n:1); names a missing target. */
function ReferenceMarker({ dataGroups, field }: { dataGroups: readonly DataGroupDefinition[]; field: FieldDefinition }) {
  const { t } = useTranslation();
  const target = dataGroups.find((group) => group.id === field.referenceDataGroupId);
  const text = target ? target.name || '…' : t('applications:tree.noTarget');
  return (
    <Text
      size="xs"
      c={target ? 'blue' : 'red'}
      style={{ flexShrink: 0, display: 'inline-flex', alignItems: 'center', gap: 2 }}
      component="span"
      title={target ? t('applications:tree.refersTo', { name: text }) : text}
      data-testid={`tree-ref-${field.name}`}
    >
      <IconArrowRight size={12} aria-hidden />
      {text}
    </Text>
  );
}
