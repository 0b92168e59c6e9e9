import { Divider, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, ControlDefinition, DefinitionIssue, PageDefinition } from '../../../../../common/domain/application-definition';
import { ConfirmButton } from './ConfirmButton';
import { ControlProperties, Geometry } from './ControlProperties';
import { DataGroupProperties } from './DataGroupProperties';
import { controlsBoundTo, removePage, updatePage } from './definition-ops';
import { useDesignerStore, type Selection } from './designer-store';
import { FieldProperties } from './FieldProperties';
import { IssueList } from './IssuesPanel';
import { samePageTitles, useDefinitionFor } from './use-definition-slice';

/**
 * Properties of what is selected (the active page when nothing is). Each form reads only the parts of the
 * definition it shows, so moving another control or editing another item re-renders none of it.
 */
export const PropertyPanel = memo(function PropertyPanel({ issues }: { issues: readonly DefinitionIssue[] }) {
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
      {target?.kind === 'control' && <SelectedControl pageId={target.pageId} controlId={target.id} />}
      {target?.kind === 'field' && <SelectedField dataGroupId={target.dataGroupId} fieldId={target.id} />}
      {target?.kind === 'dataGroup' && <SelectedDataGroup dataGroupId={target.id} />}
      {target?.kind === 'page' && <SelectedPage pageId={target.id} />}
      {own.length > 0 && (
        <>
          <Divider />
          <IssueList issues={own} />
        </>
      )}
    </Stack>
  );
});

const pageOf = (definition: ApplicationDefinition, pageId: string) => definition.pages.find((page) => page.id === pageId);
const controlOf = (definition: ApplicationDefinition, pageId: string, controlId: string) => pageOf(definition, pageId)?.controls.find((control) => control.id === controlId);

/** The control without its size and position (shown by `LiveGeometry`, which follows them on its own). */
const sameApartFromPlace = (a: ControlDefinition | undefined, b: ControlDefinition | undefined) => {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const { x: _ax, y: _ay, w: _aw, h: _ah, ...restA } = a;
  const { x: _bx, y: _by, w: _bw, h: _bh, ...restB } = b;
  return (Object.keys(restA) as (keyof typeof restA)[]).every((key) => restA[key] === restB[key]) && Object.keys(restA).length === Object.keys(restB).length;
};

/**
 * A control's form shows the control, its container, its page's data group, all data groups and the page
 * titles; its size and position come from `LiveGeometry`, so moving the control re-renders only those inputs.
 */
const SelectedControl = memo(function SelectedControl({ pageId, controlId }: { pageId: string; controlId: string }) {
  const definition = useDefinitionFor((a, b) => {
    const control = controlOf(a, pageId, controlId);
    const containerId = control?.containerId ?? null;
    return (
      a.dataGroups === b.dataGroups &&
      sameApartFromPlace(control, controlOf(b, pageId, controlId)) &&
      pageOf(a, pageId)?.dataGroupId === pageOf(b, pageId)?.dataGroupId &&
      (containerId === null || controlOf(a, pageId, containerId) === controlOf(b, pageId, containerId)) &&
      samePageTitles(a, b)
    );
  });
  return <ControlProperties definition={definition} pageId={pageId} controlId={controlId} geometry={<LiveGeometry pageId={pageId} controlId={controlId} />} />;
});

function LiveGeometry({ pageId, controlId }: { pageId: string; controlId: string }) {
  const control = useDesignerStore((state) => controlOf(state.definition, pageId, controlId));
  return control ? <Geometry pageId={pageId} control={control} /> : null;
}

/** A field's form shows the data groups and how many controls are bound to the field. */
const SelectedField = memo(function SelectedField({ dataGroupId, fieldId }: { dataGroupId: string; fieldId: string }) {
  const definition = useDefinitionFor((a, b) => a.dataGroups === b.dataGroups && (a.pages === b.pages || controlsBoundTo(a, fieldId) === controlsBoundTo(b, fieldId)));
  return <FieldProperties definition={definition} dataGroupId={dataGroupId} fieldId={fieldId} />;
});

const SelectedDataGroup = memo(function SelectedDataGroup({ dataGroupId }: { dataGroupId: string }) {
  const definition = useDefinitionFor((a, b) => a.dataGroups === b.dataGroups);
  return <DataGroupProperties definition={definition} dataGroupId={dataGroupId} />;
});

/** A page's form shows its title, data group and number of controls, and the data groups. */
const SelectedPage = memo(function SelectedPage({ pageId }: { pageId: string }) {
  const definition = useDefinitionFor((a, b) => {
    const before = pageOf(a, pageId);
    const after = pageOf(b, pageId);
    return (
      a.dataGroups === b.dataGroups &&
      before?.title === after?.title &&
      before?.dataGroupId === after?.dataGroupId &&
      before?.controls.length === after?.controls.length
    );
  });
  return <PageProperties definition={definition} pageId={pageId} />;
});

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
