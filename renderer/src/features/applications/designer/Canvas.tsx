import { useDroppable } from '@dnd-kit/core';
import { useElementSize } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  controlHeight,
  GRID_COLUMNS,
  isContainer,
  type ControlDefinition,
  type ControlKind,
  type PageDefinition,
} from '../../../../../common/domain/application-definition';
import { clearSelection, selectAll, shownTab } from './canvas-commands';
import { KindIcon, ROW_HEIGHT } from './control-kinds';
import { clampGroupDelta, descendantsOf, isShown, moveControls, resizeControl, selectionRoots, snapGuides, type Guides } from './control-ops';
import { CANVAS_DROP_ID } from './DesignerDnd';
import { useDesignerStore } from './designer-store';
import { firstFreeRow } from './definition-ops';
import { useGridMetrics } from './grid-metrics';
import type { IssueFlags } from './issues-store';

const MIN_ROWS = 10;
const DRAG_THRESHOLD_PX = 5;
const NO_GUIDES: Guides = { vertical: [], horizontal: [] };

/** Texts every control box needs, looked up once per language instead of once per control. */
export interface CanvasLabels {
  kind: (kind: ControlKind) => string;
  roleDescription: string;
  missingField: string;
  hasIssue: string;
  controlLabel: (values: { kind: string; label: string; x: number; y: number; w: number; h: number }) => string;
}

function useCanvasLabels(): CanvasLabels {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const kinds = new Map<string, string>();
    const template = t('applications:canvas.controlLabel', { kind: '{kind}', label: '{label}', x: '{x}', y: '{y}', w: '{w}', h: '{h}', interpolation: { escapeValue: false } });
    return {
      kind: (kind) => {
        let label = kinds.get(kind);
        if (label === undefined) {
          label = t(`applications:kinds.${kind}`, { defaultValue: kind });
          kinds.set(kind, label);
        }
        return label;
      },
      roleDescription: t('applications:canvas.roleDescription'),
      missingField: t('applications:canvas.missingField'),
      hasIssue: t('applications:canvas.hasIssue'),
      controlLabel: (values) => template.replace(/\{(kind|label|x|y|w|h)\}/g, (_, key: keyof typeof values) => String(values[key])),
    };
    // i18n.language: the texts change with the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, i18n.language]);
}

const pct = (cells: number) => `${(cells * 100) / GRID_COLUMNS}%`;

/**
 * The page on the 12-column grid. Controls are placed, moved and resized here with the mouse or the
 * keyboard. Built for pages with hundreds of controls: each control box is memoized and subscribes to its
 * own selected flag; a drag moves the boxes' DOM nodes and only commits to the store when it ends.
 */
export const Canvas = memo(function Canvas({ page, fieldNames, issueFlags }: {
  page: PageDefinition;
  /** Names of the fields of the page's data group, by id. */
  fieldNames: ReadonlyMap<string, string>;
  /** Which controls have an issue: each box follows its own flag, so a new issue re-renders the boxes concerned, not the canvas. */
  issueFlags: IssueFlags;
}) {
  const { t } = useTranslation();
  const labels = useCanvasLabels();
  const metricsRef = useGridMetrics();
  const { ref: sizeRef, width } = useElementSize<HTMLDivElement>();
  const { setNodeRef, isOver } = useDroppable({ id: CANVAS_DROP_ID });
  const shownTabs = useDesignerStore((state) => state.shownTabs);
  const pageRef = useRef(page);
  const labelsRef = useRef(labels);
  const live = useRef<HTMLDivElement>(null);
  const [guides, setGuides] = useState<Guides>(NO_GUIDES);
  const [interaction] = useState(() => new Interaction(pageRef, labelsRef, metricsRef, live, setGuides));
  useLayoutEffect(() => {
    pageRef.current = page;
    labelsRef.current = labels;
  }, [page, labels]);

  const cellWidth = width / GRID_COLUMNS;
  useEffect(() => {
    metricsRef.current = { cellWidth, rowHeight: ROW_HEIGHT };
  }, [cellWidth, metricsRef]);

  const rows = Math.max(MIN_ROWS, firstFreeRow(page) + 3);
  const background: CSSProperties = {
    position: 'relative',
    height: rows * ROW_HEIGHT,
    background: 'white',
    border: '1px solid var(--mantine-color-gray-4)',
    backgroundImage:
      'linear-gradient(to right, var(--mantine-color-gray-2) 1px, transparent 1px), linear-gradient(to bottom, var(--mantine-color-gray-2) 1px, transparent 1px)',
    backgroundSize: `${pct(1)} ${ROW_HEIGHT}px`,
    outline: isOver ? '2px dashed var(--mantine-color-blue-6)' : undefined,
    borderRadius: 4,
    // Measured (CDP trace, 500 controls): without it every move repainted the whole canvas (Paint about 10 ms
    // a frame under load, 2 ms with it). Nothing inside is meant to be drawn outside the canvas.
    contain: 'layout paint',
  };
  const tabOf = (id: string) => shownTabs[id] ?? 0;
  const shown = page.controls.filter((control) => control.containerId === null || isShown(page, control, tabOf));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      selectAll();
    } else if (event.key === 'Escape' && !interaction.grabbed) {
      clearSelection();
    }
  };

  return (
    <div
      ref={(node: HTMLDivElement | null) => {
        setNodeRef(node);
        sizeRef.current = node;
      }}
      style={background}
      data-testid="designer-canvas"
      role="region"
      aria-label={t('applications:canvas.label', { title: page.title })}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        if (event.target === event.currentTarget) clearSelection();
      }}
    >
      {page.controls.length === 0 && <p style={EMPTY_STYLE}>{t('applications:canvas.empty')}</p>}
      {shown.map((control) => (
        <CanvasControl
          key={control.id}
          control={control}
          pageId={page.id}
          fieldNames={fieldNames}
          issueFlags={issueFlags}
          labels={labels}
          interaction={interaction}
        />
      ))}
      {shown.filter((control) => control.kind === 'tabs').map((control) => (
        <TabStrip key={`tabs-${control.id}`} control={control} shown={tabOf(control.id)} />
      ))}
      {guides.vertical.map((x) => (
        <div key={`v${x}`} data-testid="snap-guide" aria-hidden style={{ ...GUIDE_STYLE, left: pct(x), top: 0, bottom: 0, width: 0, borderLeft: '1px dashed var(--mantine-color-pink-6)' }} />
      ))}
      {guides.horizontal.map((y) => (
        <div key={`h${y}`} data-testid="snap-guide" aria-hidden style={{ ...GUIDE_STYLE, top: y * ROW_HEIGHT, left: 0, right: 0, height: 0, borderTop: '1px dashed var(--mantine-color-pink-6)' }} />
      ))}
      <div ref={live} aria-live="assertive" role="status" style={VISUALLY_HIDDEN} data-testid="canvas-announcer" />
    </div>
  );
});

/**
 * What the canvas itself renders from its page: the title, the list of boxes (ids, kinds, containers and tabs,
 * which decide what is shown), the tab strips' places and the number of rows. Positions and texts of the
 * other controls reach their boxes on their own (`useLiveControl`), so a move re-renders one box.
 */
export function sameCanvasStructure(a: PageDefinition | undefined, b: PageDefinition | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (a.id !== b.id || a.title !== b.title || a.dataGroupId !== b.dataGroupId || a.controls.length !== b.controls.length) return false;
  if (firstFreeRow(a) !== firstFreeRow(b)) return false;
  return a.controls.every((control, index) => {
    const other = b.controls[index];
    if (control === other) return true;
    if (other === undefined || control.id !== other.id || control.kind !== other.kind || control.containerId !== other.containerId || control.tab !== other.tab) return false;
    return control.kind !== 'tabs' || (control.x === other.x && control.y === other.y && control.w === other.w && control.label === other.label && control.tabs === other.tabs);
  });
}

const EMPTY_STYLE: CSSProperties = { margin: 0, padding: '32px 16px 0', textAlign: 'center', color: 'var(--mantine-color-dimmed)', fontSize: 'var(--mantine-font-size-sm)' };
const GUIDE_STYLE: CSSProperties = { position: 'absolute', pointerEvents: 'none', zIndex: 30 };
const VISUALLY_HIDDEN: CSSProperties = { position: 'absolute', width: 1, height: 1, margin: -1, padding: 0, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap', border: 0 };

interface CanvasControlProps {
  /** The control as the canvas last rendered it; the box shows the store's current one (see `useLiveControl`). */
  control: ControlDefinition;
  pageId: string;
  fieldNames: ReadonlyMap<string, string>;
  issueFlags: IssueFlags;
  labels: CanvasLabels;
  interaction: Interaction;
}

const controlIndexes = new WeakMap<readonly ControlDefinition[], ReadonlyMap<string, ControlDefinition>>();

/** The control with this id in the page's list, through an index built once per list (not once per box). */
function controlIn(controls: readonly ControlDefinition[], id: string): ControlDefinition | undefined {
  let index = controlIndexes.get(controls);
  if (index === undefined) {
    index = new Map(controls.map((control) => [control.id, control]));
    controlIndexes.set(controls, index);
  }
  return index.get(id);
}

/**
 * The box's control as the store has it now. The canvas re-renders its list only when the page's structure
 * changes (see `sameCanvasStructure`), so a moved or edited control reaches its box through this alone.
 */
function useLiveControl(rendered: ControlDefinition, pageId: string): ControlDefinition {
  const live = useDesignerStore((state) => {
    const page = state.definition.pages.find((candidate) => candidate.id === pageId);
    return page === undefined ? undefined : controlIn(page.controls, rendered.id);
  });
  return live ?? rendered;
}

const CanvasControl = memo(function CanvasControl({ control: rendered, pageId, fieldNames, issueFlags, labels, interaction }: CanvasControlProps) {
  const control = useLiveControl(rendered, pageId);
  const fieldName = control.fieldId === null ? null : (fieldNames.get(control.fieldId) ?? labels.missingField);
  const selected = useDesignerStore((state) => state.selectedControls.has(control.id));
  const hasIssue = useSyncExternalStore(issueFlags.subscribe, () => issueFlags.has(control.id));
  const container = isContainer(control.kind);
  const kind = labels.kind(control.kind);
  const h = controlHeight(control);
  const tone = hasIssue ? 'red' : selected ? 'blue' : 'gray';
  const style: CSSProperties = {
    position: 'absolute',
    left: `calc(${pct(control.x)} + 2px)`,
    top: control.y * ROW_HEIGHT + 2,
    width: `calc(${pct(control.w)} - 4px)`,
    height: h * ROW_HEIGHT - 4,
    zIndex: container ? (selected ? 1 : 0) : selected ? 3 : 2,
    border: `${selected ? 2 : 1}px ${container ? 'dashed' : 'solid'} var(--mantine-color-${tone}-${hasIssue || selected ? 6 : 5})`,
    background: container ? (selected ? 'rgba(34, 139, 230, 0.06)' : 'rgba(248, 249, 250, 0.6)') : `var(--mantine-color-${tone}-0)`,
    borderRadius: 4,
    // No clip of its own (its text clips itself): a clip per box is paint chunks per box, see TEXT_STYLE.
    cursor: 'grab',
    touchAction: 'none',
    boxSizing: 'border-box',
  };
  return (
    <div
      ref={(node) => interaction.register(control.id, node)}
      style={style}
      role="button"
      tabIndex={0}
      aria-roledescription={labels.roleDescription}
      aria-label={labels.controlLabel({ kind, label: control.label, x: control.x + 1, y: control.y + 1, w: control.w, h })}
      aria-pressed={selected}
      onPointerDown={(event) => interaction.pointerDown(event, control.id, pageId)}
      onFocus={() => interaction.focus(control.id, pageId)}
      onKeyDown={(event) => interaction.keyDown(event, control.id, pageId)}
      data-testid={`canvas-control-${control.id}`}
      data-x={control.x}
      data-y={control.y}
      data-w={control.w}
      data-h={h}
      data-container={control.containerId ?? undefined}
      data-selected={selected || undefined}
      className="mantine-focus-auto"
    >
      <div style={container ? CONTAINER_HEAD_STYLE : ROW_STYLE}>
        <KindIcon kind={control.kind} />
        <span style={TEXT_STYLE}>
          <span style={TITLE_STYLE}>{control.label || kind}</span>
          {fieldName !== null && <span style={BINDING_STYLE}>→ {fieldName}</span>}
        </span>
        {hasIssue && <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-label={labels.hasIssue} style={ICON_STYLE} />}
      </div>
      {selected && <ResizeHandles id={control.id} pageId={pageId} interaction={interaction} />}
    </div>
  );
});

const ROW_STYLE: CSSProperties = { display: 'flex', alignItems: 'center', gap: 6, height: '100%', padding: '0 8px', minWidth: 0 };
const CONTAINER_HEAD_STYLE: CSSProperties = { ...ROW_STYLE, height: ROW_HEIGHT - 6, borderBottom: '1px solid var(--mantine-color-gray-3)' };
const ICON_STYLE: CSSProperties = { flexShrink: 0 };
// Title and binding share one clip (one ellipsis at the end): every clip is a paint chunk per box, and
// Chromium's layerization of a frame grows with the chunks of all 500 boxes (CDP trace).
const TEXT_STYLE: CSSProperties = { minWidth: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };
const TITLE_STYLE: CSSProperties = { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 600 };
const BINDING_STYLE: CSSProperties = { fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)', marginLeft: 6 };

const HANDLE = 10;
const handleStyles: Record<'e' | 's' | 'se', CSSProperties> = {
  e: { right: 0, top: '50%', marginTop: -HANDLE / 2, cursor: 'ew-resize' },
  s: { bottom: 0, left: '50%', marginLeft: -HANDLE / 2, cursor: 'ns-resize' },
  se: { right: 0, bottom: 0, cursor: 'nwse-resize' },
};

function ResizeHandles({ id, pageId, interaction }: { id: string; pageId: string; interaction: Interaction }) {
  return (
    <>
      {(['e', 's', 'se'] as const).map((edge) => (
        <span
          key={edge}
          aria-hidden
          data-testid={`resize-${edge}-${id}`}
          onPointerDown={(event) => interaction.resizeDown(event, id, pageId, edge)}
          style={{ position: 'absolute', width: HANDLE, height: HANDLE, background: 'var(--mantine-color-blue-6)', borderRadius: 2, zIndex: 5, ...handleStyles[edge] }}
        />
      ))}
    </>
  );
}

/** The tabs of a tab set, over its title row: a click shows that tab's controls (not part of the control box, so no nested buttons). */
function TabStrip({ control, shown }: { control: ControlDefinition; shown: number }) {
  const showTab = useDesignerStore((state) => state.showTab);
  const { t } = useTranslation();
  const tabs = control.tabs.length > 0 ? control.tabs : [t('applications:canvas.tab', { n: 1 })];
  return (
    <div
      role="tablist"
      aria-label={control.label}
      style={{ position: 'absolute', left: pct(control.x + control.w * 0.4), right: `calc(${pct(GRID_COLUMNS - control.x - control.w)} + 8px)`, top: control.y * ROW_HEIGHT + 8, display: 'flex', gap: 4, justifyContent: 'flex-end', zIndex: 4, overflow: 'hidden' }}
    >
      {tabs.map((title, index) => (
        <button
          key={index}
          type="button"
          role="tab"
          aria-selected={index === shown}
          onClick={() => showTab(control.id, index)}
          data-testid={`canvas-tab-${control.id}-${index}`}
          className="mantine-focus-auto"
          style={{
            border: '1px solid var(--mantine-color-gray-4)',
            borderBottom: index === shown ? '2px solid var(--mantine-color-blue-6)' : '1px solid var(--mantine-color-gray-4)',
            background: index === shown ? 'white' : 'var(--mantine-color-gray-1)',
            borderRadius: 4,
            padding: '2px 8px',
            fontSize: 'var(--mantine-font-size-xs)',
            cursor: 'pointer',
            whiteSpace: 'nowrap',
          }}
        >
          {title || '…'}
        </button>
      ))}
    </div>
  );
}

type Gesture =
  | { type: 'move'; pageId: string; ids: string[]; carried: string[]; leadId: string; startX: number; startY: number; dx: number; dy: number; started: boolean }
  | { type: 'resize'; pageId: string; id: string; edge: 'e' | 's' | 'se'; startX: number; startY: number; w: number; h: number };

/**
 * Pointer and keyboard handling of the control boxes, shared by all of them (one object per canvas, so the
 * boxes' props stay equal and memo holds). While a gesture runs it writes the boxes' DOM styles directly;
 * only the end of a gesture is an edit of the store (and one undo step).
 */
export class Interaction {
  readonly nodes = new Map<string, HTMLElement>();
  grabbed: Extract<Gesture, { type: 'move' }> | null = null;
  private gesture: Gesture | null = null;
  private pointerActive = false;

  constructor(
    private readonly pageRef: { readonly current: PageDefinition },
    private readonly labelsRef: { readonly current: CanvasLabels },
    private readonly metrics: { readonly current: { cellWidth: number; rowHeight: number } },
    private readonly live: { readonly current: HTMLElement | null },
    private readonly setGuides: (guides: Guides) => void,
  ) {}

  /** The canvas's page as the store has it now (the rendered one may be a step behind right after an edit). */
  private page(): PageDefinition {
    const shown = this.pageRef.current;
    return useDesignerStore.getState().definition.pages.find((page) => page.id === shown.id) ?? shown;
  }

  private get labels(): CanvasLabels {
    return this.labelsRef.current;
  }

  register(id: string, node: HTMLElement | null): void {
    if (node) this.nodes.set(id, node);
    else this.nodes.delete(id);
  }

  announce(text: string): void {
    if (this.live.current) this.live.current.textContent = text;
  }

  focus(id: string, pageId: string): void {
    if (this.pointerActive) return;
    const state = useDesignerStore.getState();
    if (!state.selectedControls.has(id)) state.selectControl(id, pageId, 'replace');
  }

  pointerDown(event: ReactPointerEvent, id: string, pageId: string): void {
    if (event.button !== 0) return;
    const state = useDesignerStore.getState();
    this.pointerActive = true;
    if (event.ctrlKey || event.metaKey || event.shiftKey) {
      state.selectControl(id, pageId, 'toggle');
      window.addEventListener('pointerup', () => (this.pointerActive = false), { once: true });
      return;
    }
    if (!state.selectedControls.has(id)) state.selectControl(id, pageId, 'replace');
    const ids = useDesignerStore.getState().selectedControls.has(id) ? [...useDesignerStore.getState().selectedControls] : [id];
    this.startMove(pageId, ids, id, event.clientX, event.clientY);
    this.track();
  }

  resizeDown(event: ReactPointerEvent, id: string, pageId: string, edge: 'e' | 's' | 'se'): void {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.preventDefault();
    const control = this.page().controls.find((candidate) => candidate.id === id);
    if (!control) return;
    this.pointerActive = true;
    this.gesture = { type: 'resize', pageId, id, edge, startX: event.clientX, startY: event.clientY, w: control.w, h: controlHeight(control) };
    this.track();
  }

  private startMove(pageId: string, ids: string[], leadId: string, x: number, y: number): Extract<Gesture, { type: 'move' }> {
    const page = this.page();
    const roots = selectionRoots(page, ids).map((control) => control.id);
    const carried = new Set(roots);
    for (const root of roots) descendantsOf(page, root).forEach((child) => carried.add(child));
    const gesture = { type: 'move' as const, pageId, ids: roots, carried: [...carried], leadId, startX: x, startY: y, dx: 0, dy: 0, started: false };
    this.gesture = gesture;
    return gesture;
  }

  private track(): void {
    const move = (event: PointerEvent) => this.pointerMove(event);
    const up = (event: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      this.pointerActive = false;
      this.pointerUp(event.type === 'pointercancel');
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  }

  private pointerMove(event: PointerEvent): void {
    const gesture = this.gesture;
    const { cellWidth, rowHeight } = this.metrics.current;
    if (!gesture || cellWidth <= 0) return;
    const px = event.clientX - gesture.startX;
    const py = event.clientY - gesture.startY;
    if (gesture.type === 'move') {
      if (!gesture.started && Math.hypot(px, py) < DRAG_THRESHOLD_PX) return;
      gesture.started = true;
      this.preview(gesture, Math.round(px / cellWidth), Math.round(py / rowHeight));
    } else {
      const control = this.page().controls.find((candidate) => candidate.id === gesture.id);
      if (!control) return;
      const w = gesture.edge === 's' ? control.w : Math.max(1, Math.min(GRID_COLUMNS - control.x, control.w + Math.round(px / cellWidth)));
      const h = gesture.edge === 'e' ? controlHeight(control) : Math.max(1, controlHeight(control) + Math.round(py / rowHeight));
      gesture.w = w;
      gesture.h = h;
      const node = this.nodes.get(control.id);
      if (node) {
        node.style.width = `calc(${pct(w)} - 4px)`;
        node.style.height = `${h * ROW_HEIGHT - 4}px`;
      }
      this.setGuides(snapGuides(this.page(), new Set([control.id]), { x: control.x, y: control.y, w, h }));
    }
  }

  /** Shows the moving controls `dx`/`dy` cells away (kept inside the grid) with the snap guides of the lead control. */
  private preview(gesture: Extract<Gesture, { type: 'move' }>, dx: number, dy: number): void {
    const page = this.page();
    const carried = new Set(gesture.carried);
    const boxes = page.controls.filter((control) => carried.has(control.id));
    const delta = clampGroupDelta(boxes, dx, dy);
    if (delta.dx === gesture.dx && delta.dy === gesture.dy && gesture.started) return;
    gesture.dx = delta.dx;
    gesture.dy = delta.dy;
    const { cellWidth, rowHeight } = this.metrics.current;
    const transform = delta.dx === 0 && delta.dy === 0 ? '' : `translate(${delta.dx * cellWidth}px, ${delta.dy * rowHeight}px)`;
    for (const id of gesture.carried) {
      const node = this.nodes.get(id);
      if (node) {
        node.style.transform = transform;
        node.style.zIndex = transform ? '20' : '';
      }
    }
    const lead = page.controls.find((control) => control.id === gesture.leadId);
    this.setGuides(lead && transform ? snapGuides(page, carried, { x: lead.x + delta.dx, y: lead.y + delta.dy, w: lead.w, h: lead.h }) : NO_GUIDES);
  }

  private clearPreview(ids: readonly string[]): void {
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (node) {
        node.style.transform = '';
        node.style.zIndex = '';
      }
    }
    this.setGuides(NO_GUIDES);
  }

  private pointerUp(cancelled: boolean): void {
    const gesture = this.gesture;
    this.gesture = null;
    if (!gesture) return;
    if (gesture.type === 'move') {
      this.clearPreview(gesture.carried);
      if (!cancelled && gesture.started) this.commitMove(gesture);
      // A plain click (no drag) on one of several selected controls selects just that one.
      else if (!cancelled && gesture.ids.length > 1) useDesignerStore.getState().selectControl(gesture.leadId, gesture.pageId, 'replace');
      return;
    }
    const node = this.nodes.get(gesture.id);
    this.setGuides(NO_GUIDES);
    if (node) {
      node.style.width = '';
      node.style.height = '';
    }
    if (!cancelled) this.commitResize(gesture.pageId, gesture.id, gesture.w, gesture.h);
  }

  private commitMove(gesture: Extract<Gesture, { type: 'move' }>): void {
    if (gesture.dx === 0 && gesture.dy === 0) return;
    useDesignerStore.getState().edit((definition) => moveControls(definition, gesture.pageId, gesture.ids, gesture.dx, gesture.dy, shownTab), undefined, { coalesce: null });
    this.announcePosition(gesture.leadId);
  }

  private commitResize(pageId: string, id: string, w: number, h: number): void {
    useDesignerStore.getState().edit((definition) => resizeControl(definition, pageId, id, w, h), undefined, { coalesce: null });
    this.announcePosition(id);
  }

  private announcePosition(id: string): void {
    const control = this.page().controls.find((candidate) => candidate.id === id);
    if (control) {
      this.announce(this.labels.controlLabel({ kind: this.labels.kind(control.kind), label: control.label, x: control.x + 1, y: control.y + 1, w: control.w, h: controlHeight(control) }));
    }
  }

  /**
   * Keyboard: arrows move the selection by one cell, Shift+arrows resize the focused control; Space or
   * Enter picks the selection up (arrows then only show where it goes), Space/Enter drops it, Escape cancels.
   */
  keyDown(event: KeyboardEvent, id: string, pageId: string): void {
    const arrow = ARROWS[event.key];
    if (this.grabbed) {
      const grabbed = this.grabbed;
      if (arrow) {
        event.preventDefault();
        event.stopPropagation();
        this.preview(grabbed, grabbed.dx + arrow.dx, grabbed.dy + arrow.dy);
        this.announce(this.labels.controlLabel(this.describe(grabbed.leadId, grabbed.dx, grabbed.dy)));
      } else if (event.key === ' ' || event.key === 'Enter') {
        event.preventDefault();
        this.grabbed = null;
        this.clearPreview(grabbed.carried);
        this.commitMove(grabbed);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.grabbed = null;
        this.clearPreview(grabbed.carried);
        this.announce(this.labels.controlLabel(this.describe(grabbed.leadId, 0, 0)));
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      const selected = useDesignerStore.getState().selectedControls;
      const gesture = this.startMove(pageId, selected.has(id) ? [...selected] : [id], id, 0, 0);
      gesture.started = true;
      this.gesture = null;
      this.grabbed = gesture;
      this.announce(this.labels.controlLabel(this.describe(id, 0, 0)));
      return;
    }
    if (!arrow) return;
    event.preventDefault();
    const control = this.page().controls.find((candidate) => candidate.id === id);
    if (!control) return;
    if (event.shiftKey) {
      this.commitResize(pageId, id, control.w + arrow.dx, controlHeight(control) + arrow.dy);
      return;
    }
    const selected = useDesignerStore.getState().selectedControls;
    const ids = selected.has(id) ? [...selected] : [id];
    useDesignerStore.getState().edit((definition) => moveControls(definition, pageId, ids, arrow.dx, arrow.dy, shownTab), undefined, { coalesce: null });
    this.announcePosition(id);
  }

  private describe(id: string, dx: number, dy: number) {
    const control = this.page().controls.find((candidate) => candidate.id === id);
    if (!control) return { kind: '', label: '', x: 0, y: 0, w: 0, h: 0 };
    return { kind: this.labels.kind(control.kind), label: control.label, x: control.x + dx + 1, y: control.y + dy + 1, w: control.w, h: controlHeight(control) };
  }
}

const ARROWS: Record<string, { dx: number; dy: number } | undefined> = {
  ArrowLeft: { dx: -1, dy: 0 },
  ArrowRight: { dx: 1, dy: 0 },
  ArrowUp: { dx: 0, dy: -1 },
  ArrowDown: { dx: 0, dy: 1 },
};
