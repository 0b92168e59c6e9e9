import { Alert, Anchor, Box, Button, Group, Loader, Modal, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  controlHeight,
  GRID_COLUMNS,
  isBindable,
  isContainer,
  type ApplicationDefinition,
  type ButtonAction,
  type ControlDefinition,
  type DataGroupDefinition,
  type PageDefinition,
} from '../../../../../common/domain/application-definition';
import { checkRecordValues, defaultRecordValues, type RecordValue, type RecordValues } from '../../../../../common/domain/application-records';
import type { ApplicationRecord } from '../../../../../common/portal-api/designer';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { callConsole } from '../../../lib/console-client';
import { applicationsKeys } from '../api';
import { isShown } from './control-ops';
import { actionOf, tableOf } from './control-defaults';
import { ROW_HEIGHT } from './control-kinds';
import { isWebAddress } from './ControlProperties';
import { useDesignerStore } from './designer-store';
import { issueMessage, serverFieldErrors, useRecord, useRecordMutations, type FieldErrors } from './preview-records';
import { PreviewInput } from './PreviewInput';
import { PreviewTable } from './PreviewTable';

/** Where the preview is: a page, the record it shows (null: a new one), the parent of a new child record. */
interface Route {
  pageId: string;
  recordId: string | null;
  parentRecordId: string | null;
  /** A message carried to the next page (after save or delete). */
  flash: string | null;
  /** Counts the visits: every arrival (also a return) shows the page afresh. */
  visit: number;
}

interface Navigation {
  go: (pageId: string, recordId: string | null, flash?: string | null) => void;
  back: () => void;
  canGoBack: boolean;
}

/**
 * The application as a portal user sees it, starting on `page`: controls on the grid inside their containers,
 * tables of the portal's real records, and buttons that save, delete, cancel and move between pages.
 */
export function PagePreview({ page, definition }: { page: PageDefinition; definition: ApplicationDefinition }) {
  const applicationId = useDesignerStore((state) => state.applicationId);
  // A new start page (another page tab in the designer) starts a new visit.
  return <PreviewNavigator key={page.id} startPageId={page.id} definition={definition} applicationId={applicationId} />;
}

/** The published version (0: never published), null while it is not known. */
function usePublishedVersion(applicationId: string | null): number | null {
  const published = useQuery({
    queryKey: applicationsKeys.definition(applicationId ?? ''),
    queryFn: () => callConsole('applications:definition', { applicationId: applicationId! }),
    enabled: applicationId !== null,
  });
  if (applicationId === null) return 0;
  return published.data ? published.data.value.version : null;
}

function PreviewNavigator({ startPageId, definition, applicationId }: { startPageId: string; definition: ApplicationDefinition; applicationId: string | null }) {
  const { t } = useTranslation();
  const version = usePublishedVersion(applicationId);
  const published = version === null ? null : version > 0;
  const hasDraft = useDesignerStore((state) => state.hasDraft);
  const [stack, setStack] = useState<Route[]>([{ pageId: startPageId, recordId: null, parentRecordId: null, flash: null, visit: 0 }]);
  const visits = useRef(0);
  const route = stack[stack.length - 1]!;
  const previous = stack.length > 1 ? definition.pages.find((candidate) => candidate.id === stack[stack.length - 2]!.pageId) : undefined;
  const nav: Navigation = {
    go: (pageId, recordId, flash = null) => {
      // Going (without a record) to a page visited before returns there, with the record it showed:
      // "save, then back to the list" or "back to the parent's record".
      const earlier = recordId === null ? stack.findLastIndex((visited) => visited.pageId === pageId) : -1;
      if (earlier >= 0) {
        visits.current += 1;
        setStack([...stack.slice(0, earlier), { ...stack[earlier]!, flash, visit: visits.current }]);
        return;
      }
      const from = definition.pages.find((candidate) => candidate.id === route.pageId);
      const target = definition.pages.find((candidate) => candidate.id === pageId);
      const targetGroup = definition.dataGroups.find((group) => group.id === target?.dataGroupId);
      // A new record of a child group on a page reached from its parent's record belongs to that record.
      const parentRecordId = recordId === null && targetGroup?.parentId != null && targetGroup.parentId === from?.dataGroupId ? route.recordId : null;
      visits.current += 1;
      setStack([...stack, { pageId, recordId, parentRecordId, flash, visit: visits.current }]);
    },
    back: () => setStack(stack.length > 1 ? stack.slice(0, -1).map((visited, index) => (index === stack.length - 2 ? { ...visited, flash: null } : visited)) : stack),
    canGoBack: stack.length > 1,
  };
  return (
    <Box p="md" bd="1px solid var(--mantine-color-gray-4)" bg="white" style={{ borderRadius: 4 }} data-testid="page-preview" data-page-id={route.pageId} data-record-id={route.recordId ?? ''}>
      {published === false && (
        <Alert color="yellow" variant="light" mb="sm" data-testid="preview-unpublished">
          {t('applications:preview.neverPublished')}
        </Alert>
      )}
      {published === true && hasDraft && (
        <Text size="xs" c="dimmed" mb="xs" data-testid="preview-draft-note">
          {t('applications:preview.draftDiffers', { version })}
        </Text>
      )}
      {previous && (
        <Button variant="subtle" size="compact-sm" mb="xs" leftSection={<IconArrowLeft size={14} aria-hidden />} onClick={nav.back} data-testid="preview-back">
          {t('applications:preview.back', { title: previous.title || '…' })}
        </Button>
      )}
      <PreviewScreen key={route.visit} route={route} definition={definition} applicationId={applicationId} published={published} nav={nav} />
    </Box>
  );
}

function PreviewScreen({ route, definition, applicationId, published, nav }: {
  route: Route;
  definition: ApplicationDefinition;
  applicationId: string | null;
  published: boolean | null;
  nav: Navigation;
}) {
  const { t } = useTranslation();
  const record = useRecord(published ? applicationId : null, route.recordId);
  const page = definition.pages.find((candidate) => candidate.id === route.pageId);
  if (!page) return null;
  if (published === null || (route.recordId !== null && record.isPending && published)) {
    return (
      <Group gap="xs" data-testid="preview-record-loading">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          {t('common:loading')}
        </Text>
      </Group>
    );
  }
  if (route.recordId !== null && record.isError) return <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />;
  const loaded = record.data ?? null;
  return <PreviewForm page={page} definition={definition} applicationId={applicationId} published={published === true} route={route} nav={nav} loaded={loaded?.value ?? null} loadedEtag={loaded?.etag ?? null} />;
}

interface Status {
  color: 'green' | 'red' | 'blue';
  text: string;
}

function startValues(group: DataGroupDefinition | undefined, record: ApplicationRecord | null): RecordValues {
  if (!group) return {};
  if (!record) return defaultRecordValues(group);
  return Object.fromEntries(group.fields.map((field) => [field.id, record.values[field.id] ?? null]));
}

/** The page with the open record's values; buttons act on them. */
function PreviewForm({ page, definition, applicationId, published, route, nav, loaded, loadedEtag }: {
  page: PageDefinition;
  definition: ApplicationDefinition;
  applicationId: string | null;
  published: boolean;
  route: Route;
  nav: Navigation;
  loaded: ApplicationRecord | null;
  loadedEtag: string | null;
}) {
  const { t } = useTranslation();
  const group = definition.dataGroups.find((candidate) => candidate.id === page.dataGroupId);
  const [values, setValues] = useState<RecordValues>(() => startValues(group, loaded));
  const [recordId, setRecordId] = useState<string | null>(loaded?.id ?? null);
  const [etag, setEtag] = useState<string | null>(loadedEtag);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status | null>(route.flash ? { color: 'green', text: route.flash } : null);
  const [failure, setFailure] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<ButtonAction | null>(null);
  const [shownTabs, setShownTabs] = useState<Record<string, number>>({});
  const mutations = useRecordMutations(applicationId ?? '');
  const busy = mutations.create.isPending || mutations.update.isPending || mutations.remove.isPending;

  const info = (text: string, color: Status['color'] = 'blue') => {
    setFailure(null);
    setStatus({ color, text });
  };
  const setValue = (fieldId: string, value: RecordValue) => {
    setValues((current) => ({ ...current, [fieldId]: value }));
    setErrors((current) => {
      if (!(fieldId in current)) return current;
      const next = { ...current };
      delete next[fieldId];
      return next;
    });
  };

  const save = async (action: ButtonAction) => {
    if (!group) return info(t('applications:preview.noGroupToSave'));
    const check = checkRecordValues(group, values);
    if (check.issues.length > 0) {
      const found: FieldErrors = {};
      for (const issue of check.issues) found[issue.fieldId] ??= issueMessage(issue, t);
      setErrors(found);
      return info(t('applications:preview.invalid'), 'red');
    }
    setErrors({});
    if (!published || applicationId === null) return info(t('applications:preview.cannotSaveUnpublished'));
    try {
      const saved =
        recordId !== null && etag !== null
          ? await mutations.update.mutateAsync({ applicationId, recordId, values: check.values, ifMatch: etag })
          : await mutations.create.mutateAsync({ applicationId, dataGroupId: group.id, values: check.values, parentRecordId: route.parentRecordId });
      if (action.pageId !== null) return nav.go(action.pageId, null, t('applications:preview.saved'));
      setRecordId(saved.value.id);
      setEtag(saved.etag);
      setValues(startValues(group, saved.value));
      info(t('applications:preview.saved'), 'green');
    } catch (error) {
      const fieldErrors = serverFieldErrors(error, t);
      if (fieldErrors) {
        setErrors(fieldErrors);
        return info(t('applications:preview.invalid'), 'red');
      }
      setStatus(null);
      setFailure(error);
    }
  };

  const remove = async (action: ButtonAction) => {
    if (recordId === null || etag === null || applicationId === null) return info(t('applications:preview.nothingToDelete'));
    try {
      await mutations.remove.mutateAsync({ applicationId, recordId, ifMatch: etag });
    } catch (error) {
      setStatus(null);
      setFailure(error);
      return;
    }
    const flash = t('applications:preview.deleted');
    if (action.pageId !== null) return nav.go(action.pageId, null, flash);
    if (nav.canGoBack) return nav.back();
    setRecordId(null);
    setEtag(null);
    setValues(startValues(group, null));
    info(flash, 'green');
  };

  const openRecord = (pageId: string) => {
    const target = definition.pages.find((candidate) => candidate.id === pageId);
    if (target?.dataGroupId === group?.id && recordId !== null) return nav.go(pageId, recordId);
    const reference = group?.fields.find((field) => field.type === 'reference' && field.referenceDataGroupId === target?.dataGroupId);
    const referenced = reference ? values[reference.id] : null;
    if (typeof referenced === 'string' && referenced !== '') return nav.go(pageId, referenced);
    info(t('applications:preview.noRecordToOpen'));
  };

  const act = (control: ControlDefinition) => {
    const action = actionOf(control);
    const target = action.pageId !== null && definition.pages.some((candidate) => candidate.id === action.pageId) ? action.pageId : null;
    const known = { ...action, pageId: target };
    switch (action.type) {
      case 'save':
        return void save(known);
      case 'delete':
        if (recordId === null) return info(t('applications:preview.nothingToDelete'));
        return action.confirm ? setConfirming(known) : void remove(known);
      case 'cancel':
        if (target !== null) return nav.go(target, null);
        if (nav.canGoBack) return nav.back();
        setValues(startValues(group, loaded));
        setErrors({});
        return setStatus(null);
      case 'goToPage':
        return target !== null ? nav.go(target, null) : info(t('applications:preview.noTarget'));
      case 'openRecord':
        return target !== null ? openRecord(target) : info(t('applications:preview.noTarget'));
    }
  };

  const render = (control: ControlDefinition): ReactNode => {
    if (isBindable(control.kind)) {
      const field = group?.fields.find((candidate) => candidate.id === control.fieldId);
      return (
        <PreviewInput
          control={control}
          field={field}
          value={field ? (values[field.id] ?? null) : null}
          error={field ? errors[field.id] : undefined}
          onChange={(value) => field && setValue(field.id, value)}
          definition={definition}
          applicationId={applicationId}
          published={published}
        />
      );
    }
    switch (control.kind) {
      case 'label':
        return (
          <Text fw={600} size="lg" data-testid={`preview-${control.id}`}>
            {control.label}
          </Text>
        );
      case 'image':
        return <PreviewImage control={control} />;
      case 'link':
        return (
          <Anchor href={isWebAddress(control.url) ? control.url : undefined} target="_blank" rel="noopener noreferrer" data-testid={`preview-${control.id}`}>
            {control.label || control.url}
          </Anchor>
        );
      case 'button':
        return (
          <Button
            fullWidth
            loading={busy && actionOf(control).type !== 'cancel'}
            onClick={() => act(control)}
            // Long captions on narrow buttons wrap instead of being cut off.
            styles={{ root: { height: 'auto', minHeight: 36 }, label: { whiteSpace: 'normal', textAlign: 'center', paddingBlock: 4 } }}
            data-testid={`preview-${control.id}`}
            data-action={actionOf(control).type}
          >
            {control.label}
          </Button>
        );
      case 'table': {
        const table = tableOf(control, group);
        const tableGroup = definition.dataGroups.find((candidate) => candidate.id === table.dataGroupId);
        const childTable = tableGroup?.parentId != null && tableGroup.parentId === group?.id;
        if (childTable && recordId === null) {
          return (
            <Text size="sm" c="dimmed" data-testid={`preview-${control.id}`} data-state="empty">
              {t('applications:preview.noRecords')}
            </Text>
          );
        }
        return (
          <PreviewTable
            control={control}
            table={table}
            definition={definition}
            applicationId={applicationId}
            published={published}
            parentRecordId={childTable ? recordId : null}
            onOpen={(id, pageId) => nav.go(pageId, id)}
          />
        );
      }
      default:
        return <PreviewContainer control={control} shownTab={shownTabs[control.id] ?? 0} onTab={(tab) => setShownTabs({ ...shownTabs, [control.id]: tab })} />;
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3" data-testid="preview-page-title">
          {page.title}
        </Title>
        {group && (
          <Text size="sm" c="dimmed" data-testid="preview-record-state" data-record-id={recordId ?? ''}>
            {recordId === null ? t('applications:preview.newRecord') : t('applications:preview.recordOpen', { id: recordId.slice(0, 8) })}
          </Text>
        )}
      </Group>
      {status && (
        <Alert color={status.color} variant="light" withCloseButton onClose={() => setStatus(null)} closeButtonLabel={t('common:actions.close')} data-testid="preview-status" data-color={status.color}>
          {status.text}
        </Alert>
      )}
      {failure !== null && <ErrorAlert error={failure} onClose={() => setFailure(null)} />}
      {page.controls.length === 0 && <Text c="dimmed">{t('applications:preview.empty')}</Text>}
      <PreviewGrid page={page} shownTab={(id) => shownTabs[id] ?? 0} render={render} />
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={t('applications:preview.deleteTitle')} data-testid="preview-delete-dialog">
        <Stack gap="md">
          <Text size="sm">{t('applications:preview.deleteMessage')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)} data-autofocus>
              {t('common:actions.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                const action = confirming;
                setConfirming(null);
                if (action) void remove(action);
              }}
              data-testid="preview-delete-confirm"
            >
              {t('common:actions.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** How deep a control sits in containers (0 on the page); containers are drawn first, their contents above them. */
function depthOf(page: PageDefinition, control: ControlDefinition): number {
  const byId = new Map(page.controls.map((candidate) => [candidate.id, candidate]));
  let depth = 0;
  const seen = new Set<string>();
  for (let parent = control.containerId; parent !== null && !seen.has(parent); parent = byId.get(parent)?.containerId ?? null) {
    seen.add(parent);
    depth += 1;
  }
  return depth;
}

/** Controls at their cells of the page grid; what sits on a tab that is not shown is left out. */
function PreviewGrid({ page, shownTab, render }: { page: PageDefinition; shownTab: (id: string) => number; render: (control: ControlDefinition) => ReactNode }) {
  const layers = page.controls
    .filter((control) => isShown(page, control, shownTab))
    .map((control) => ({ control, depth: depthOf(page, control) }))
    .sort((a, b) => a.depth - b.depth || Number(isContainer(b.control.kind)) - Number(isContainer(a.control.kind)));
  return (
    <div style={{ display: 'grid', gridTemplateColumns: `repeat(${GRID_COLUMNS}, minmax(0, 1fr))`, gridAutoRows: `minmax(${ROW_HEIGHT}px, auto)`, columnGap: 12, rowGap: 8 }}>
      {layers.map(({ control, depth }) => (
        <div
          key={control.id}
          style={{
            gridColumn: `${control.x + 1} / span ${Math.max(1, Math.min(control.w, GRID_COLUMNS - control.x))}`,
            gridRow: `${control.y + 1} / span ${controlHeight(control)}`,
            alignSelf: isContainer(control.kind) || control.kind === 'table' || control.kind === 'textarea' ? 'stretch' : 'end',
            zIndex: depth + 1,
            // A container's inside belongs to the controls in it: only its title row takes clicks.
            pointerEvents: isContainer(control.kind) ? 'none' : undefined,
          }}
        >
          {render(control)}
        </div>
      ))}
    </div>
  );
}

/** A section, group box or tab set: a frame with its title (tab set: working tabs) around the controls in it. */
function PreviewContainer({ control, shownTab, onTab }: { control: ControlDefinition; shownTab: number; onTab: (tab: number) => void }) {
  const { t } = useTranslation();
  const testId = `preview-${control.id}`;
  if (control.kind === 'tabs') {
    return (
      <Box h="100%" bd="1px solid var(--mantine-color-gray-3)" style={{ borderRadius: 4 }} data-testid={testId} data-kind="tabs">
        <Tabs value={String(shownTab)} onChange={(value) => value !== null && onTab(Number(value))} style={{ pointerEvents: 'auto' }}>
          <Tabs.List aria-label={control.label || t('applications:kinds.tabs')}>
            {control.tabs.map((title, index) => (
              <Tabs.Tab key={index} value={String(index)} data-testid={`${testId}-tab-${index}`}>
                {title || String(index + 1)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      </Box>
    );
  }
  if (control.kind === 'groupbox') {
    return (
      <Box component="fieldset" h="100%" m={0} bd="1px solid var(--mantine-color-gray-4)" style={{ borderRadius: 4 }} data-testid={testId} data-kind="groupbox">
        <Text component="legend" size="sm" fw={600} px={4}>
          {control.label}
        </Text>
      </Box>
    );
  }
  return (
    <Box component="section" h="100%" bg="var(--mantine-color-gray-0)" style={{ borderTop: '2px solid var(--mantine-color-blue-6)', borderRadius: 2 }} aria-label={control.label} data-testid={testId} data-kind="section">
      <Text fw={700} px="xs" pt={4}>
        {control.label}
      </Text>
    </Box>
  );
}

/**
 * The console's content policy loads no pictures from other addresses; when the picture cannot be shown,
 * the preview names its address instead of a broken image.
 */
function PreviewImage({ control }: { control: ControlDefinition }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const testId = `preview-${control.id}`;
  if (control.url === '' || !isWebAddress(control.url) || failed) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId} data-state={failed ? 'blocked' : 'none'} style={{ overflowWrap: 'anywhere' }}>
        {failed ? t('applications:preview.imageBlocked', { url: control.url }) : t('applications:preview.noImage')}
      </Text>
    );
  }
  return (
    <img
      src={control.url}
      alt={control.label}
      onError={() => setFailed(true)}
      style={{ maxWidth: '100%', maxHeight: controlHeight(control) * ROW_HEIGHT, objectFit: 'contain' }}
      data-testid={testId}
    />
  );
}
