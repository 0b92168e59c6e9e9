import { Divider, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, DefinitionIssue, PageDefinition } from '../../../../../common/domain/application-definition';
import { ConfirmButton } from './ConfirmButton';
import { ControlProperties } from './ControlProperties';
import { DataGroupProperties } from './DataGroupProperties';
import { removePage, updatePage } from './definition-ops';
import { useDesignerStore, type Selection } from './designer-store';
import { FieldProperties } from './FieldProperties';
import { IssueList } from './IssuesPanel';

/** Properties of what is selected (the active page when nothing is). */
export function PropertyPanel({ definition, issues }: { definition: ApplicationDefinition; issues: readonly DefinitionIssue[] }) {
  const { t } = useTranslation();
  const selection = useDesignerStore((state) => state.selection);
  const activePageId = useDesignerStore((state) => state.activePageId);
  const target: Selection | null = selection ?? (activePageId ? { kind: 'page', id: activePageId } : null);
  const own = issues.filter((issue) => target !== null && issue.target.kind === target.kind && issue.target.id === target.id);
  return (
    <Stack gap="sm" data-testid="property-panel" component="section" aria-label={t('applications:properties.heading')}>
      <Title order={2} size="h5">
        {t('applications:properties.heading')}
      </Title>
      {target === null && <Text c="dimmed" size="sm">{t('applications:properties.nothing')}</Text>}
      {target?.kind === 'control' && <ControlProperties definition={definition} pageId={target.pageId} controlId={target.id} />}
      {target?.kind === 'field' && <FieldProperties definition={definition} dataGroupId={target.dataGroupId} fieldId={target.id} />}
      {target?.kind === 'dataGroup' && <DataGroupProperties definition={definition} dataGroupId={target.id} />}
      {target?.kind === 'page' && <PageProperties definition={definition} pageId={target.id} />}
      {own.length > 0 && (
        <>
          <Divider />
          <IssueList issues={own} />
        </>
      )}
    </Stack>
  );
}

function PageProperties({ definition, pageId }: { definition: ApplicationDefinition; pageId: string }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const page: PageDefinition | undefined = definition.pages.find((candidate) => candidate.id === pageId);
  if (!page) return null;
  return (
    <Stack gap="xs">
      <TextInput label={t('applications:properties.pageTitle')} value={page.title} onChange={(e) => edit((d) => updatePage(d, pageId, { title: e.currentTarget.value }))} data-testid="prop-page-title" />
      <Select
        label={t('applications:properties.pageDataGroup')}
        description={t('applications:properties.pageDataGroupHint')}
        data={definition.dataGroups.map((group) => ({ value: group.id, label: group.name || '…' }))}
        value={page.dataGroupId}
        onChange={(dataGroupId) => edit((d) => updatePage(d, pageId, { dataGroupId }))}
        clearable
        allowDeselect={false}
        data-testid="prop-page-group"
      />
      <ConfirmButton
        variant="subtle"
        leftSection={<IconTrash size={14} aria-hidden />}
        title={t('applications:properties.removePageTitle', { title: page.title })}
        message={t('applications:properties.removePageMessage', { count: page.controls.length })}
        confirmLabel={t('common:actions.delete')}
        onConfirm={() => edit((d) => removePage(d, pageId), null)}
      >
        {t('applications:properties.removePage')}
      </ConfirmButton>
    </Stack>
  );
}
