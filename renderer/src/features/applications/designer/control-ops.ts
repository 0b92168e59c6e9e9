import {
  controlHeight,
  controlsOverlap,
  GRID_COLUMNS,
  GRID_MAX_ROWS,
  isContainer,
  type ApplicationDefinition,
  type ControlDefinition,
  type PageDefinition,
} from '../../../../../common/domain/application-definition';
import { firstFreeRow, newId } from './definition-ops';

/**
 * Edits of several controls at once (the canvas's multi-selection): move, resize, align, distribute,
 * copy/paste, containers. Pure like definition-ops: unchanged controls keep their object, so the canvas's
 * memoized control boxes re-render only for what changed.
 */

type Box = Pick<ControlDefinition, 'x' | 'y' | 'w' | 'h'>;

function mapPage(definition: ApplicationDefinition, pageId: string, change: (page: PageDefinition) => PageDefinition): ApplicationDefinition {
  return { ...definition, pages: definition.pages.map((page) => (page.id === pageId ? change(page) : page)) };
}

function pageOf(definition: ApplicationDefinition, pageId: string): PageDefinition | undefined {
  return definition.pages.find((page) => page.id === pageId);
}

/** Every control inside the container, at any depth. */
export function descendantsOf(page: PageDefinition, containerId: string): Set<string> {
  const found = new Set<string>();
  let frontier = [containerId];
  while (frontier.length > 0) {
    const parents = new Set(frontier);
    frontier = [];
    for (const control of page.controls) {
      if (control.containerId !== null && parents.has(control.containerId) && !found.has(control.id) && control.id !== containerId) {
        found.add(control.id);
        frontier.push(control.id);
      }
    }
  }
  return found;
}

/** The selected controls whose container is not selected too (a container carries its children). */
export function selectionRoots(page: PageDefinition, ids: readonly string[]): ControlDefinition[] {
  const selected = new Set(ids);
  const byId = new Map(page.controls.map((control) => [control.id, control]));
  const hasSelectedAncestor = (control: ControlDefinition): boolean => {
    const seen = new Set<string>();
    for (let parent = control.containerId; parent !== null && !seen.has(parent); parent = byId.get(parent)?.containerId ?? null) {
      if (selected.has(parent)) return true;
      seen.add(parent);
    }
    return false;
  };
  return page.controls.filter((control) => selected.has(control.id) && !hasSelectedAncestor(control));
}

/** Shifts each root by its own delta and carries its descendants along. */
function shift(page: PageDefinition, deltas: ReadonlyMap<string, { dx: number; dy: number }>): PageDefinition {
  const carried = new Map<string, { dx: number; dy: number }>();
  for (const [id, delta] of deltas) {
    if (delta.dx === 0 && delta.dy === 0) continue;
    carried.set(id, delta);
    for (const child of descendantsOf(page, id)) if (!deltas.has(child)) carried.set(child, delta);
  }
  if (carried.size === 0) return page;
  return {
    ...page,
    controls: page.controls.map((control) => {
      const delta = carried.get(control.id);
      return delta ? { ...control, x: control.x + delta.dx, y: control.y + delta.dy } : control;
    }),
  };
}

function boundsOf(boxes: readonly Box[]): { left: number; top: number; right: number; bottom: number } {
  return {
    left: Math.min(...boxes.map((box) => box.x)),
    top: Math.min(...boxes.map((box) => box.y)),
    right: Math.max(...boxes.map((box) => box.x + box.w)),
    bottom: Math.max(...boxes.map((box) => box.y + controlHeight(box))),
  };
}

/** The moved controls with their descendants, as boxes. */
function carriedBoxes(page: PageDefinition, roots: readonly ControlDefinition[]): ControlDefinition[] {
  const ids = new Set(roots.map((root) => root.id));
  for (const root of roots) descendantsOf(page, root.id).forEach((id) => ids.add(id));
  return page.controls.filter((control) => ids.has(control.id));
}

/** Keeps a group move inside the grid: the group stops at the edge instead of being squeezed. */
export function clampGroupDelta(boxes: readonly Box[], dx: number, dy: number): { dx: number; dy: number } {
  if (boxes.length === 0) return { dx: 0, dy: 0 };
  const bounds = boundsOf(boxes);
  return {
    dx: Math.max(-bounds.left, Math.min(GRID_COLUMNS - bounds.right, Math.round(dx))),
    dy: Math.max(-bounds.top, Math.min(GRID_MAX_ROWS - bounds.bottom, Math.round(dy))),
  };
}

/** Which tab of a tab set a control dropped into it lands on (the tab the canvas shows). */
export type ShownTab = (containerId: string) => number;

/**
 * Moves the selected controls by whole cells together (containers carry their children), then puts each
 * moved root into the container it now sits in, or onto the page.
 */
export function moveControls(definition: ApplicationDefinition, pageId: string, ids: readonly string[], dx: number, dy: number, shownTab: ShownTab = () => 0): ApplicationDefinition {
  const page = pageOf(definition, pageId);
  if (!page) return definition;
  const roots = selectionRoots(page, ids);
  const delta = clampGroupDelta(carriedBoxes(page, roots), dx, dy);
  if (delta.dx === 0 && delta.dy === 0) return definition;
  const moved = shift(page, new Map(roots.map((root) => [root.id, delta])));
  return mapPage(definition, pageId, () => placeInContainers(moved, roots.map((root) => root.id), shownTab));
}

/** The innermost container whose inside holds the control's top-left cell (not the control itself or one of its children). */
export function containerAt(page: PageDefinition, control: Box & { id: string }, shownTab: ShownTab = () => 0): ControlDefinition | null {
  const excluded = descendantsOf(page, control.id);
  excluded.add(control.id);
  const candidates = page.controls.filter(
    (candidate) =>
      isContainer(candidate.kind) &&
      !excluded.has(candidate.id) &&
      control.x >= candidate.x &&
      control.x < candidate.x + candidate.w &&
      // The container's first row is its title (and tabs).
      control.y > candidate.y &&
      control.y < candidate.y + controlHeight(candidate) &&
      isShown(page, candidate, shownTab),
  );
  // Innermost: the one nested deepest, i.e. the one that is a descendant of the others.
  return candidates.find((candidate) => candidates.every((other) => other === candidate || descendantsOf(page, other.id).has(candidate.id))) ?? candidates.at(-1) ?? null;
}

/** Whether the canvas shows the control: controls on another tab of a tab set are hidden. */
export function isShown(page: PageDefinition, control: ControlDefinition, shownTab: ShownTab): boolean {
  const byId = new Map(page.controls.map((candidate) => [candidate.id, candidate]));
  const seen = new Set<string>();
  let current: ControlDefinition | undefined = control;
  while (current && current.containerId !== null && !seen.has(current.id)) {
    seen.add(current.id);
    const parent = byId.get(current.containerId);
    if (parent?.kind === 'tabs' && current.tab !== shownTab(parent.id)) return false;
    current = parent;
  }
  return true;
}

/** Sets `containerId` (and `tab`) of the given controls from where they sit now. */
export function placeInContainers(page: PageDefinition, ids: readonly string[], shownTab: ShownTab = () => 0): PageDefinition {
  const targets = new Set(ids);
  let changed = false;
  const controls = page.controls.map((control) => {
    if (!targets.has(control.id)) return control;
    const container = containerAt(page, control, shownTab);
    const containerId = container?.id ?? null;
    const tab = container?.kind === 'tabs' ? shownTab(container.id) : 0;
    if (control.containerId === containerId && control.tab === tab) return control;
    changed = true;
    return { ...control, containerId, tab };
  });
  return changed ? { ...page, controls } : page;
}

/** Sets `containerId`/`tab` of freshly placed controls (palette drop, paste). */
export function placeControls(definition: ApplicationDefinition, pageId: string, ids: readonly string[], shownTab: ShownTab = () => 0): ApplicationDefinition {
  return mapPage(definition, pageId, (page) => placeInContainers(page, ids, shownTab));
}

export type ResizeEdge = 'e' | 's' | 'se';

/** New width and height in cells, kept inside the grid (at least one cell). */
export function resizeControl(definition: ApplicationDefinition, pageId: string, controlId: string, w: number, h: number): ApplicationDefinition {
  return mapPage(definition, pageId, (page) => ({
    ...page,
    controls: page.controls.map((control) => {
      if (control.id !== controlId) return control;
      const width = Math.max(1, Math.min(GRID_COLUMNS - control.x, Math.round(w)));
      const height = Math.max(1, Math.min(GRID_MAX_ROWS - control.y, Math.round(h)));
      return width === control.w && height === control.h ? control : { ...control, w: width, h: height };
    }),
  }));
}

export type Alignment = 'left' | 'right' | 'top' | 'bottom' | 'centerX' | 'centerY';

/** Lines the selected controls up on the edge (or centre) of the selection's bounds; two or more controls. */
export function alignControls(definition: ApplicationDefinition, pageId: string, ids: readonly string[], alignment: Alignment): ApplicationDefinition {
  const page = pageOf(definition, pageId);
  if (!page) return definition;
  const roots = selectionRoots(page, ids);
  if (roots.length < 2) return definition;
  const bounds = boundsOf(roots);
  const target = (control: ControlDefinition): { x: number; y: number } => {
    const h = controlHeight(control);
    switch (alignment) {
      case 'left':
        return { x: bounds.left, y: control.y };
      case 'right':
        return { x: bounds.right - control.w, y: control.y };
      case 'top':
        return { x: control.x, y: bounds.top };
      case 'bottom':
        return { x: control.x, y: bounds.bottom - h };
      case 'centerX':
        return { x: Math.round((bounds.left + bounds.right - control.w) / 2), y: control.y };
      case 'centerY':
        return { x: control.x, y: Math.round((bounds.top + bounds.bottom - h) / 2) };
    }
  };
  const deltas = new Map(roots.map((control) => {
    const at = target(control);
    return [control.id, { dx: at.x - control.x, dy: at.y - control.y }] as const;
  }));
  return mapPage(definition, pageId, () => shift(page, deltas));
}

export type Axis = 'horizontal' | 'vertical';

/**
 * Spreads three or more controls so the gaps between them are equal (whole cells, the first and last stay).
 * When they overlap along the axis there is no gap to share; then their starts are spread evenly.
 */
export function distributeControls(definition: ApplicationDefinition, pageId: string, ids: readonly string[], axis: Axis): ApplicationDefinition {
  const page = pageOf(definition, pageId);
  if (!page) return definition;
  const roots = selectionRoots(page, ids);
  if (roots.length < 3) return definition;
  const start = (box: Box) => (axis === 'horizontal' ? box.x : box.y);
  const size = (box: Box) => (axis === 'horizontal' ? box.w : controlHeight(box));
  const sorted = [...roots].sort((a, b) => start(a) - start(b) || a.id.localeCompare(b.id));
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const span = start(last) + size(last) - start(first);
  const sizes = sorted.reduce((sum, box) => sum + size(box), 0);
  const gap = (span - sizes) / (sorted.length - 1);
  const deltas = new Map<string, { dx: number; dy: number }>();
  let offset = start(first);
  sorted.forEach((control, index) => {
    const at = gap >= 0 ? Math.round(offset) : Math.round(start(first) + ((start(last) - start(first)) * index) / (sorted.length - 1));
    offset += size(control) + gap;
    const d = at - start(control);
    deltas.set(control.id, axis === 'horizontal' ? { dx: d, dy: 0 } : { dx: 0, dy: d });
  });
  return mapPage(definition, pageId, () => shift(page, deltas));
}

/** What Ctrl+C keeps: the copied controls with everything inside them, and the data group their bindings belong to. */
export interface ControlClipboard {
  dataGroupId: string | null;
  controls: ControlDefinition[];
}

export function copyControls(definition: ApplicationDefinition, pageId: string, ids: readonly string[]): ControlClipboard | null {
  const page = pageOf(definition, pageId);
  if (!page) return null;
  const roots = selectionRoots(page, ids);
  if (roots.length === 0) return null;
  const rootIds = new Set(roots.map((root) => root.id));
  const controls = carriedBoxes(page, roots).map((control) => (rootIds.has(control.id) ? { ...control, containerId: null, tab: 0 } : control));
  return { dataGroupId: page.dataGroupId, controls };
}

/**
 * Pastes the clipboard onto a page with new ids. Bindings stay only when the page shows the same data
 * group (otherwise the input controls are unbound and the validation names them). The copies keep their
 * place when it is free, else they go below everything; then each lands in the container it sits in.
 */
export function pasteControls(definition: ApplicationDefinition, pageId: string, clipboard: ControlClipboard, shownTab: ShownTab = () => 0): { definition: ApplicationDefinition; ids: string[] } {
  const page = pageOf(definition, pageId);
  if (!page || clipboard.controls.length === 0) return { definition, ids: [] };
  const keepBindings = page.dataGroupId !== null && page.dataGroupId === clipboard.dataGroupId;
  const idMap = new Map<string, string>();
  let scratch = definition;
  for (const control of clipboard.controls) {
    const id = newId('c', scratch);
    idMap.set(control.id, id);
    // newId looks at the ids in use; a stand-in page entry keeps the next id from repeating this one.
    scratch = { ...scratch, pages: [...scratch.pages, { id, title: '', dataGroupId: null, controls: [] }] };
  }
  const bounds = boundsOf(clipboard.controls);
  const free = !clipboard.controls.some((copy) => page.controls.some((control) => controlsOverlap(copy, control)));
  const dy = free ? 0 : firstFreeRow(page) - bounds.top;
  const clampedDy = clampGroupDelta(clipboard.controls, 0, dy).dy;
  const copies = clipboard.controls.map((control) => ({
    ...control,
    id: idMap.get(control.id)!,
    containerId: control.containerId === null ? null : (idMap.get(control.containerId) ?? null),
    fieldId: keepBindings ? control.fieldId : null,
    y: control.y + clampedDy,
  }));
  const rootIds = copies.filter((copy) => copy.containerId === null).map((copy) => copy.id);
  const next = mapPage(definition, pageId, (current) => placeInContainers({ ...current, controls: [...current.controls, ...copies] }, rootIds, shownTab));
  return { definition: next, ids: rootIds };
}

export function duplicateControls(definition: ApplicationDefinition, pageId: string, ids: readonly string[], shownTab: ShownTab = () => 0): { definition: ApplicationDefinition; ids: string[] } {
  const clipboard = copyControls(definition, pageId, ids);
  return clipboard ? pasteControls(definition, pageId, clipboard, shownTab) : { definition, ids: [] };
}

/** Whether any of the controls is a container with something inside (deleting it asks what happens to that). */
export function holdsControls(page: PageDefinition, ids: readonly string[]): boolean {
  return ids.some((id) => page.controls.some((control) => control.containerId === id));
}

/**
 * Removes the controls. `withContents` removes what sits inside removed containers too; otherwise those
 * are released into the removed container's own container (or onto the page).
 */
export function removeControls(definition: ApplicationDefinition, pageId: string, ids: readonly string[], withContents: boolean): ApplicationDefinition {
  return mapPage(definition, pageId, (page) => {
    const removed = new Set(ids);
    if (withContents) for (const id of ids) descendantsOf(page, id).forEach((child) => removed.add(child));
    const byId = new Map(page.controls.map((control) => [control.id, control]));
    const survivingParent = (containerId: string | null): { containerId: string | null; tab: number | null } => {
      let tab: number | null = null;
      let current = containerId;
      while (current !== null && removed.has(current)) {
        const parent = byId.get(current);
        tab = parent?.tab ?? 0;
        current = parent?.containerId ?? null;
      }
      return { containerId: current, tab };
    };
    const controls = page.controls
      .filter((control) => !removed.has(control.id))
      .map((control) => {
        if (control.containerId === null || !removed.has(control.containerId)) return control;
        const parent = survivingParent(control.containerId);
        return { ...control, containerId: parent.containerId, tab: parent.containerId === null ? 0 : (parent.tab ?? 0) };
      });
    return { ...page, controls };
  });
}

export interface Guides {
  /** Columns (in cells, may be halves for centres) where a vertical guide is drawn. */
  vertical: number[];
  /** Rows (in cells) where a horizontal guide is drawn. */
  horizontal: number[];
}

/** Snap guides: where the moving box's edges or centre line up with another control's edges or centre. */
export function snapGuides(page: PageDefinition, movingIds: ReadonlySet<string>, box: Box): Guides {
  const xs = (b: Box) => [b.x, b.x + b.w / 2, b.x + b.w];
  const ys = (b: Box) => [b.y, b.y + controlHeight(b) / 2, b.y + controlHeight(b)];
  const mineX = xs(box);
  const mineY = ys(box);
  const vertical = new Set<number>();
  const horizontal = new Set<number>();
  for (const control of page.controls) {
    if (movingIds.has(control.id)) continue;
    for (const x of xs(control)) if (mineX.includes(x)) vertical.add(x);
    for (const y of ys(control)) if (mineY.includes(y)) horizontal.add(y);
  }
  return { vertical: [...vertical].sort((a, b) => a - b), horizontal: [...horizontal].sort((a, b) => a - b) };
}
