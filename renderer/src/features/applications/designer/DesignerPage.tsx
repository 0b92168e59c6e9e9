import { Alert, Anchor, Badge, Button, Card, Grid, Group, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconHistory, IconPlus, IconUpload } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VersionedDefinition } from '../../../../../common/contract';
import {
  publishBlockers,
  validateApplicationDefinition,
  type ApplicationDefinition,
  type ControlKind,
  type DefinitionIssue,
} from '../../../../../common/domain/application-definition';
import { ApplicationDefinitionDoc } from '../../../../../common/portal-api/designer';
import { ConflictDialog } from '../../../components/ConflictDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { preconditionConflict } from '../../../lib/errors';
import { afterNextPaint } from '../../../lib/after-next-paint';
import { formatDateTime } from '../../../lib/format';
import { useDefinition, useDiscardDraft, useDraft, usePublish } from '../api';
import { Canvas, sameCanvasStructure } from './Canvas';
import { CanvasToolbar, RemoveControlsDialog, useDesignerShortcuts } from './CanvasToolbar';
import { ConfirmButton } from './ConfirmButton';
import { DataTree } from './DataTree';
import { addControl, addPage } from './definition-ops';
import { DesignerDnd } from './DesignerDnd';
import { useDesignerStore, type CanvasMode } from './designer-store';
import { HistoryDrawer } from './HistoryDrawer';
import { IssuesPanel } from './IssuesPanel';
import { PagePreview } from './PagePreview';
import { Palette } from './Palette';
import { PropertyPanel } from './PropertyPanel';
import { PublishDialog } from './PublishDialog';
import { appliedDataSentence } from './data-loss';
import { samePageTitles, useDefinitionFor } from './use-definition-slice';
import { useDraftAutosave } from './use-draft-autosave';
import { idsOf, issueFlags, IssuesStore, sameSet, useIssues } from './issues-store';

interface Conflict {
  mine: ApplicationDefinition;
  theirs: ApplicationDefinitionDoc;
  etag: string;
  comment: string;
}

// Parts of the workspace whose props rarely change: an edit (every move on the canvas) re-renders the workspace, not them.
const MemoPalette = memo(Palette);
const MemoIssuesPanel = memo(IssuesPanel);
const MemoHistoryDrawer = memo(HistoryDrawer);

/** Base id of the page tabs: Mantine derives `${id}-tab-${value}` and `${id}-panel-${value}` from it. */
const PAGE_TABS_ID = 'designer-pages';

/** Loads the published definition and the local draft, then hands over to the workspace. */
export function DesignerPage({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const published = useDefinition(applicationId);
  const draft = useDraft({ kind: 'application', id: applicationId });
  const open = useDesignerStore((state) => state.open);
  const [ready, setReady] = useState(false);
  const [startedFrom, setStartedFrom] = useState<{ draftBaseVersion: number } | null>(null);

  useEffect(() => {
    if (ready || !published.data || !draft.isSuccess) return;
    const stored = draft.data?.kind === 'application' ? draft.data : null;
    if (stored) {
      open(applicationId, stored.content, { etag: stored.baseEtag, version: stored.baseVersion }, stored);
      if (stored.baseEtag !== published.data.etag) setStartedFrom({ draftBaseVersion: stored.baseVersion });
    } else {
      open(applicationId, published.data.value.definition, { etag: published.data.etag, version: published.data.value.version }, null);
    }
    setReady(true);
  }, [ready, published.data, draft.isSuccess, draft.data, applicationId, open]);

  const error = published.error ?? draft.error;
  if (error) {
    return (
      <Stack p="md">
        <BackLink />
        <ErrorAlert error={error} onRetry={() => void (published.error ? published.refetch() : draft.refetch())} />
      </Stack>
    );
  }
  if (!ready || !published.data) return <Text c="dimmed" p="md">{t('common:loading')}</Text>;
  return <Workspace applicationId={applicationId} published={published.data} staleDraft={startedFrom} refetchPublished={published.refetch} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/applications" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('applications:designer.back')}
      </Group>
    </Anchor>
  );
}

function Workspace({ applicationId, published, staleDraft, refetchPublished }: {
  applicationId: string;
  published: VersionedDefinition;
  staleDraft: { draftBaseVersion: number } | null;
  refetchPublished: () => Promise<{ data?: VersionedDefinition | undefined }>;
}) {
  const { t } = useTranslation();
  // Autosave lives in a child so its state changes (saving, saved) re-render nothing here.
  const flushRef = useRef<() => Promise<void>>(() => Promise.resolve());
  const flush = () => flushRef.current();
  const base = useDesignerStore((state) => state.base);
  const hasDraft = useDesignerStore((state) => state.hasDraft);
  const mode = useDesignerStore((state) => state.mode);
  const setMode = useDesignerStore((state) => state.setMode);
  const replace = useDesignerStore((state) => state.replace);
  const reset = useDesignerStore((state) => state.reset);
  // The body validates into this; of it the header shows only whether publishing is blocked (in the button).
  const [issues] = useState(() => new IssuesStore(validateApplicationDefinition(useDesignerStore.getState().definition)));
  const publish = usePublish();
  const discard = useDiscardDraft();
  const [publishOpen, setPublishOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [showStale, setShowStale] = useState(staleDraft !== null);
  useDesignerShortcuts(!publishOpen && !historyOpen && conflict === null);

  const runPublish = async (comment: string, ifMatch: string, confirmDataLoss = false) => {
    await flush();
    const mine = useDesignerStore.getState().definition;
    publish.mutate(
      { applicationId, definition: mine, comment, ifMatch, confirmDataLoss },
      {
        onSuccess: (result) => {
          reset(result.value.definition, { etag: result.etag, version: result.value.version });
          setPublishOpen(false);
          setConflict(null);
          setShowStale(false);
          const applied = appliedDataSentence(result.value.dataChanges, t);
          notifications.show({ color: 'green', message: [t('applications:publish.done', { version: result.value.version }), applied].filter(Boolean).join(' ') });
        },
        onError: (error) => {
          const precondition = preconditionConflict(error);
          const theirs = ApplicationDefinitionDoc.safeParse(precondition?.current);
          if (precondition?.currentEtag && theirs.success) {
            setPublishOpen(false);
            setConflict({ mine, theirs: theirs.data, etag: precondition.currentEtag, comment });
          }
        },
      },
    );
  };

  const takeTheirs = (current: Conflict) => {
    discard.mutate(
      { kind: 'application', id: applicationId },
      {
        onSuccess: () => {
          reset(current.theirs.definition, { etag: current.etag, version: current.theirs.version });
          setConflict(null);
          setShowStale(false);
        },
      },
    );
  };

  const discardDraft = () => {
    discard.mutate(
      { kind: 'application', id: applicationId },
      {
        onSuccess: async () => {
          const fresh = (await refetchPublished()).data ?? published;
          reset(fresh.value.definition, { etag: fresh.etag, version: fresh.value.version });
          setShowStale(false);
        },
      },
    );
  };

  const loadVersion = useCallback(
    (loaded: ApplicationDefinition) => {
      replace(loaded);
      setHistoryOpen(false);
    },
    [replace],
  );
  const closeHistory = useCallback(() => setHistoryOpen(false), []);
  const openPublish = useCallback(() => setPublishOpen(true), []);

  return (
    <Stack gap="sm" p="xs" data-testid="designer">
      <Autosave flushRef={flushRef} />
      <BackLink />
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {published.value.applicationName}
          </Title>
          <Group gap="xs">
            <Badge variant="light" color={published.value.version === 0 ? 'gray' : 'green'} data-testid="published-version">
              {published.value.version === 0 ? t('applications:designer.neverPublished') : t('applications:designer.publishedVersion', { version: published.value.version })}
            </Badge>
            <SaveStatus />
          </Group>
        </Stack>
        <Group gap="xs">
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value as CanvasMode)}
            data={[
              { value: 'design', label: t('applications:designer.design') },
              { value: 'preview', label: t('applications:designer.preview') },
            ]}
            aria-label={t('applications:designer.mode')}
            data-testid="mode-switch"
          />
          <Button variant="default" leftSection={<IconHistory size={16} aria-hidden />} onClick={() => setHistoryOpen(true)} data-testid="open-history">
            {t('applications:designer.history')}
          </Button>
          <ConfirmButton
            disabled={!hasDraft}
            loading={discard.isPending}
            title={t('applications:designer.discardTitle')}
            message={t('applications:designer.discardMessage')}
            confirmLabel={t('applications:designer.discard')}
            onConfirm={discardDraft}
            data-testid="discard-draft"
          >
            {t('applications:designer.discard')}
          </ConfirmButton>
          <PublishButton issues={issues} disabled={!hasDraft} onClick={openPublish} />
        </Group>
      </Group>

      <SaveFailed onRetry={() => void flush()} />
      {discard.error && <ErrorAlert error={discard.error} onClose={() => discard.reset()} />}
      {showStale && staleDraft && (
        <Alert color="yellow" withCloseButton onClose={() => setShowStale(false)} closeButtonLabel={t('common:actions.close')} data-testid="stale-draft">
          {t('applications:designer.staleDraft', { base: staleDraft.draftBaseVersion, current: published.value.version })}
        </Alert>
      )}

      <DesignerBody mode={mode} issues={issues} />

      {publishOpen && base && (
        <PublishDialog
          nextVersion={published.value.version + 1}
          busy={publish.isPending}
          error={preconditionConflict(publish.error) ? null : publish.error}
          onPublish={(comment, confirmDataLoss) => void runPublish(comment, base.etag, confirmDataLoss)}
          onClose={() => setPublishOpen(false)}
        />
      )}
      {conflict && (
        <ConflictDialog
          mine={conflict.mine}
          theirs={conflict.theirs.definition}
          labels={{ title: t('applications:conflict.title', { version: conflict.theirs.version, by: conflict.theirs.publishedBy ?? '?' }) }}
          busy={publish.isPending || discard.isPending}
          onKeepMine={() => void runPublish(conflict.comment, conflict.etag)}
          onTakeTheirs={() => takeTheirs(conflict)}
          onCancel={() => setConflict(null)}
        />
      )}
      <RemoveControlsDialog />
      <MemoHistoryDrawer applicationId={applicationId} opened={historyOpen} onClose={closeHistory} onLoad={loadVersion} />
    </Stack>
  );
}

/**
 * Data tree, page tabs, palette, canvas, issues and properties. The layout re-renders only when data groups or
 * the active page's existence change: validation results reach each part through `issues` (useIssues), so a
 * move, even one that makes a new issue, re-renders the canvas box, the issue list and the boxes concerned.
 */
export const DesignerBody = memo(function DesignerBody({ mode, issues }: { mode: CanvasMode; issues: IssuesStore }) {
  const { t } = useTranslation();
  const dataGroups = useDesignerStore((state) => state.definition.dataGroups);
  const hasPage = useDesignerStore((state) => state.definition.pages.some((page) => page.id === state.activePageId));
  const edit = useDesignerStore((state) => state.edit);

  // Stable, so the memoized palette does not re-render at every edit.
  const addFromPalette = useCallback(
    (kind: ControlKind) => {
      const pageId = useDesignerStore.getState().activePageId;
      if (pageId === null) return;
      let created = '';
      edit((d) => {
        const result = addControl(d, pageId, { kind, label: t(`applications:kinds.${kind}`) });
        created = result.id;
        return result.definition;
      });
      useDesignerStore.getState().select({ kind: 'control', id: created, pageId });
    },
    [edit, t],
  );

  return (
    <DesignerDnd>
      <Validation issues={issues} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Card withBorder padding="sm">
            <TreeArea dataGroups={dataGroups} issues={issues} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="sm">
            <PageTabs issues={issues} />
            {mode === 'design' && <MemoPalette onAdd={addFromPalette} disabled={!hasPage} />}
            {mode === 'design' && <CanvasToolbar />}
            {!hasPage && <Text c="dimmed">{t('applications:designer.noPages')}</Text>}
            {hasPage && mode === 'design' && <DesignArea issues={issues} />}
            {hasPage && mode === 'preview' && <PreviewArea />}
            {mode === 'design' && <KeyboardHint />}
            <IssuesArea issues={issues} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Card withBorder padding="sm">
            <PropertyArea issues={issues} />
          </Card>
        </Grid.Col>
      </Grid>
    </DesignerDnd>
  );
});

/**
 * Validates the draft in a task after each edit's frame, so moving a control paints first; its problems show a
 * frame later. A deferred render (useDeferredValue) ran before that frame and held it back by ~2 ms at 500
 * controls. Key repeats coalesce: a newer draft cancels the pending check.
 */
function Validation({ issues }: { issues: IssuesStore }) {
  const definition = useDesignerStore((state) => state.definition);
  useEffect(() => afterNextPaint(() => issues.set(validateApplicationDefinition(definition))), [issues, definition]);
  return null;
}

/** Disabled while an error blocks publishing; on its own, so a move onto another control (an error) re-renders only it. */
const PublishButton = memo(function PublishButton({ issues, disabled, onClick }: { issues: IssuesStore; disabled: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const blocked = useIssues(issues, isPublishBlocked);
  return (
    <Button leftSection={<IconUpload size={16} aria-hidden />} disabled={disabled || blocked} onClick={onClick} data-testid="publish">
      {t('applications:designer.publish')}
    </Button>
  );
});

const isPublishBlocked = (issues: readonly DefinitionIssue[]) => publishBlockers(issues).length > 0;
// The tree and the tabs get only their own kinds' ids, so a new overlap on the canvas re-renders neither.
const treeIds = (issues: readonly DefinitionIssue[]) => idsOf(issues, ['dataGroup', 'field']);
const pageIds = (issues: readonly DefinitionIssue[]) => idsOf(issues, ['page']);
const allIssues = (issues: readonly DefinitionIssue[]) => issues;

const TreeArea = memo(function TreeArea({ dataGroups, issues }: { dataGroups: ApplicationDefinition['dataGroups']; issues: IssuesStore }) {
  return <DataTree dataGroups={dataGroups} withIssues={useIssues(issues, treeIds, sameSet)} />;
});

const IssuesArea = memo(function IssuesArea({ issues }: { issues: IssuesStore }) {
  return <MemoIssuesPanel issues={useIssues(issues, allIssues)} />;
});

const PropertyArea = memo(function PropertyArea({ issues }: { issues: IssuesStore }) {
  return <PropertyPanel issues={useIssues(issues, allIssues)} />;
});

const pageById = (definition: ApplicationDefinition, pageId: string | null) => definition.pages.find((page) => page.id === pageId);
const activePageOf = (state: { definition: ApplicationDefinition; activePageId: string | null }) => state.definition.pages.find((page) => page.id === state.activePageId) ?? null;

/** The page tab's panel (Mantine's ids), so the tab's aria-controls points at the canvas or preview. */
function PagePanel({ pageId, children }: { pageId: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`${PAGE_TABS_ID}-panel-${pageId}`} aria-labelledby={`${PAGE_TABS_ID}-tab-${pageId}`}>
      {children}
    </div>
  );
}

/** The canvas: it re-renders its list of boxes when the page's structure changes; a move re-renders one box. */
const DesignArea = memo(function DesignArea({ issues }: { issues: IssuesStore }) {
  const flags = useMemo(() => issueFlags(issues), [issues]);
  // The page as of its last change of structure: a move re-renders the moved box, not the canvas's list.
  const activePageId = useDesignerStore((state) => state.activePageId);
  const definition = useDefinitionFor((a, b) => sameCanvasStructure(pageById(a, activePageId), pageById(b, activePageId)));
  const page = pageById(definition, activePageId) ?? null;
  const dataGroups = useDesignerStore((state) => state.definition.dataGroups);
  const pageGroupId = page?.dataGroupId ?? null;
  const fieldNames = useMemo(
    () => new Map((dataGroups.find((group) => group.id === pageGroupId)?.fields ?? []).map((field) => [field.id, field.name])),
    [dataGroups, pageGroupId],
  );
  if (!page) return null;
  return (
    <PagePanel pageId={page.id}>
      <Canvas page={page} fieldNames={fieldNames} issueFlags={flags} />
    </PagePanel>
  );
});

function PreviewArea() {
  const definition = useDesignerStore((state) => state.definition);
  const page = useDesignerStore(activePageOf);
  if (!page) return null;
  return (
    <PagePanel pageId={page.id}>
      <PagePreview page={page} definition={definition} />
    </PagePanel>
  );
}

const KeyboardHint = memo(function KeyboardHint() {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed">
      {t('applications:canvas.keyboardHint')}
    </Text>
  );
});

/** The page tabs and "add page": they show page titles only, so a move on the canvas re-renders none of them. */
const PageTabs = memo(function PageTabs({ issues }: { issues: IssuesStore }) {
  const { t } = useTranslation();
  const withIssues = useIssues(issues, pageIds, sameSet);
  const pages = useDefinitionFor(samePageTitles).pages;
  const activePageId = useDesignerStore((state) => state.activePageId);
  const setActivePage = useDesignerStore((state) => state.setActivePage);
  const edit = useDesignerStore((state) => state.edit);
  const addNewPage = () => {
    let created = '';
    edit((d) => {
      const result = addPage(d, t('applications:defaults.page'));
      created = result.id;
      return result.definition;
    });
    setActivePage(created);
  };
  return (
    <Group gap="xs" justify="space-between" wrap="nowrap">
      {/* A tab list without tabs draws a stray dot above the empty canvas: no list until there is a page. */}
      {pages.length === 0 ? (
        <span />
      ) : (
        <Tabs id={PAGE_TABS_ID} value={activePageId} onChange={(value) => value && setActivePage(value)} style={{ minWidth: 0 }}>
          <Tabs.List aria-label={t('applications:designer.pages')}>
            {pages.map((candidate) => (
              <Tabs.Tab key={candidate.id} value={candidate.id} color={withIssues.has(candidate.id) ? 'red' : undefined} data-testid={`page-tab-${candidate.title}`}>
                {candidate.title || '…'}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      )}
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={addNewPage} style={{ flexShrink: 0 }} data-testid="add-page">
        {t('applications:designer.addPage')}
      </Button>
    </Group>
  );
});

function Autosave({ flushRef }: { flushRef: { current: () => Promise<void> } }) {
  const { flush } = useDraftAutosave();
  useEffect(() => {
    flushRef.current = flush;
  }, [flush, flushRef]);
  return null;
}

function SaveFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  const saveState = useDesignerStore((state) => state.saveState);
  const saveError = useDesignerStore((state) => state.saveError);
  if (saveState !== 'failed') return null;
  return (
    <Stack gap={4} data-testid="save-failed">
      <Text size="sm" fw={600}>
        {t('applications:save.failedContext')}
      </Text>
      <ErrorAlert error={saveError} onRetry={onRetry} />
    </Stack>
  );
}

function SaveStatus() {
  const { t, i18n } = useTranslation();
  const saveState = useDesignerStore((state) => state.saveState);
  const savedAt = useDesignerStore((state) => state.savedAt);
  if (saveState === 'failed') {
    return (
      <Text size="sm" c="red" data-testid="save-status" data-state={saveState}>
        {t('applications:save.failed')}
      </Text>
    );
  }
  const text =
    saveState === 'clean'
      ? t('applications:save.clean')
      : saveState === 'saved' && savedAt
        ? t('applications:save.saved', { at: formatDateTime(savedAt, i18n.language) })
        : t('applications:save.saving');
  return (
    <Text size="sm" c="dimmed" data-testid="save-status" data-state={saveState} aria-live="polite">
      {text}
    </Text>
  );
}
