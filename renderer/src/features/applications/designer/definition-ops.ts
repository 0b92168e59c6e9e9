import {
  compatibleFieldTypes,
  controlHeight,
  GRID_COLUMNS,
  GRID_MAX_ROWS,
  defaultControlHeight,
  isBindable,
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  type ApplicationDefinition,
  type ControlDefinition,
  type ControlKind,
  type DataGroupDefinition,
  type FieldDefinition,
  type FieldType,
  type PageDefinition,
} from '../../../../../common/domain/application-definition';
import { moveControls, removeControls } from './control-ops';
import { retypeField } from './field-capabilities';

/**
 * Pure edits of an application definition: each takes the definition and returns a new one, so the
 * designer store can keep the previous state and react can compare references.
 */

let counter = 0;

/** Short unique ids for new items (they only need to be unique inside one definition). */
export function newId(prefix: 'dg' | 'f' | 'p' | 'c', existing: ApplicationDefinition): string {
  const used = allIds(existing);
  for (;;) {
    counter += 1;
    const candidate = `${prefix}_${Date.now().toString(36)}${counter.toString(36)}`;
    if (!used.has(candidate)) return candidate;
  }
}

function allIds(definition: ApplicationDefinition): Set<string> {
  const ids = new Set<string>();
  for (const group of definition.dataGroups) {
    ids.add(group.id);
    group.fields.forEach((field) => ids.add(field.id));
  }
  for (const page of definition.pages) {
    ids.add(page.id);
    page.controls.forEach((control) => ids.add(control.id));
  }
  return ids;
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** A table name derived from a display name: `Anträge 2026` -> `antraege_2026`. */
export function tableNameFrom(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[äöüß]/g, (letter) => UMLAUTS[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return /^[a-z]/.test(slug) ? slug : `t_${slug}`.replace(/_+$/, '');
}

/** `Base`, `Base 2`, `Base 3` … whichever is not taken yet (case-insensitive). */
export function uniqueName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((name) => name.trim().toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n += 1) {
    if (!lower.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
  }
}

function mapGroup(definition: ApplicationDefinition, groupId: string, change: (group: DataGroupDefinition) => DataGroupDefinition): ApplicationDefinition {
  return { ...definition, dataGroups: definition.dataGroups.map((group) => (group.id === groupId ? change(group) : group)) };
}

function mapPage(definition: ApplicationDefinition, pageId: string, change: (page: PageDefinition) => PageDefinition): ApplicationDefinition {
  return { ...definition, pages: definition.pages.map((page) => (page.id === pageId ? change(page) : page)) };
}

export function addDataGroup(definition: ApplicationDefinition, baseName: string): { definition: ApplicationDefinition; id: string } {
  const id = newId('dg', definition);
  const name = uniqueName(baseName, definition.dataGroups.map((group) => group.name));
  const tableName = uniqueName(tableNameFrom(name), definition.dataGroups.map((group) => group.tableName)).replace(/ /g, '_');
  return { definition: { ...definition, dataGroups: [...definition.dataGroups, newDataGroupDefinition({ id, name, tableName })] }, id };
}

export function updateDataGroup(
  definition: ApplicationDefinition,
  groupId: string,
  change: Partial<Pick<DataGroupDefinition, 'name' | 'tableName' | 'parentId' | 'onParentDelete'>>,
): ApplicationDefinition {
  if (change.parentId != null && !parentCandidates(definition, groupId).some((group) => group.id === change.parentId)) return definition;
  return mapGroup(definition, groupId, (group) => ({ ...group, ...change }));
}

/** The group's children, their children and so on (never the group itself). */
export function descendantIds(definition: ApplicationDefinition, groupId: string): Set<string> {
  const found = new Set<string>();
  const visit = (parentId: string) => {
    for (const group of definition.dataGroups) {
      if (group.parentId === parentId && !found.has(group.id) && group.id !== groupId) {
        found.add(group.id);
        visit(group.id);
      }
    }
  };
  visit(groupId);
  return found;
}

/** Groups that may become the group's parent: neither itself nor one of its descendants (no cycles). */
export function parentCandidates(definition: ApplicationDefinition, groupId: string): DataGroupDefinition[] {
  const below = descendantIds(definition, groupId);
  return definition.dataGroups.filter((group) => group.id !== groupId && !below.has(group.id));
}

/**
 * Removes the data group; pages that showed it keep their controls and show no data group, its child groups
 * become top-level groups. Reference fields pointing at it stay (the validation names them).
 */
export function removeDataGroup(definition: ApplicationDefinition, groupId: string): ApplicationDefinition {
  return {
    dataGroups: definition.dataGroups
      .filter((group) => group.id !== groupId)
      .map((group) => (group.parentId === groupId ? { ...group, parentId: null } : group)),
    pages: definition.pages.map((page) => (page.dataGroupId === groupId ? { ...page, dataGroupId: null } : page)),
  };
}

export function addField(definition: ApplicationDefinition, groupId: string, baseName: string, type: FieldType = 'text'): { definition: ApplicationDefinition; id: string } {
  const id = newId('f', definition);
  const next = mapGroup(definition, groupId, (group) => {
    const name = uniqueName(baseName, group.fields.map((field) => field.name));
    const field = newFieldDefinition({ id, name, type });
    return { ...group, fields: [...group.fields, field] };
  });
  return { definition: next, id };
}

/** Changing the type drops every rule the new type cannot carry (see `retypeField`). */
export function updateField(definition: ApplicationDefinition, groupId: string, fieldId: string, change: Partial<Omit<FieldDefinition, 'id'>>): ApplicationDefinition {
  return mapGroup(definition, groupId, (group) => ({
    ...group,
    fields: group.fields.map((field) => {
      if (field.id !== fieldId) return field;
      const { type, ...rest } = change;
      const retyped = type === undefined ? field : retypeField(field, type);
      return { ...retyped, ...rest };
    }),
  }));
}

/** Removes the field; controls bound to it stay (the validation names them) so nothing vanishes unseen. */
export function removeField(definition: ApplicationDefinition, groupId: string, fieldId: string): ApplicationDefinition {
  return mapGroup(definition, groupId, (group) => ({ ...group, fields: group.fields.filter((field) => field.id !== fieldId) }));
}

export function addPage(definition: ApplicationDefinition, baseTitle: string): { definition: ApplicationDefinition; id: string } {
  const id = newId('p', definition);
  const title = uniqueName(baseTitle, definition.pages.map((page) => page.title));
  const dataGroupId = definition.dataGroups[0]?.id ?? null;
  return { definition: { ...definition, pages: [...definition.pages, { id, title, dataGroupId, controls: [] }] }, id };
}

export function updatePage(definition: ApplicationDefinition, pageId: string, change: Partial<Pick<PageDefinition, 'title' | 'dataGroupId'>>): ApplicationDefinition {
  return mapPage(definition, pageId, (page) => ({ ...page, ...change }));
}

export function removePage(definition: ApplicationDefinition, pageId: string): ApplicationDefinition {
  return { ...definition, pages: definition.pages.filter((page) => page.id !== pageId) };
}

/** The first row below every control of the page. */
export function firstFreeRow(page: PageDefinition): number {
  return page.controls.reduce((row, control) => Math.max(row, control.y + controlHeight(control)), 0);
}

/** Keeps a control of `kind` and width `w` inside the grid. */
export function clampPosition(height: number, x: number, y: number, w: number): { x: number; y: number; w: number } {
  const width = Math.min(GRID_COLUMNS, Math.max(1, Math.round(w)));
  return {
    x: Math.min(GRID_COLUMNS - width, Math.max(0, Math.round(x))),
    y: Math.min(GRID_MAX_ROWS - Math.max(1, height), Math.max(0, Math.round(y))),
    w: width,
  };
}

/** A field of the page's data group the control can show, preferring one no control of the page shows yet. */
export function suggestField(definition: ApplicationDefinition, page: PageDefinition, kind: ControlKind): FieldDefinition | null {
  if (!isBindable(kind)) return null;
  const group = definition.dataGroups.find((candidate) => candidate.id === page.dataGroupId);
  const fits = group?.fields.filter((field) => compatibleFieldTypes[kind].includes(field.type)) ?? [];
  const shown = new Set(page.controls.map((control) => control.fieldId));
  return fits.find((field) => !shown.has(field.id)) ?? fits[0] ?? null;
}

export interface NewControl {
  kind: ControlKind;
  label: string;
  /** Grid position; the first free row at full width when absent. */
  at?: { x: number; y: number };
  w?: number;
}

export function addControl(definition: ApplicationDefinition, pageId: string, request: NewControl): { definition: ApplicationDefinition; id: string } {
  const id = newId('c', definition);
  const next = mapPage(definition, pageId, (page) => {
    const field = suggestField(definition, page, request.kind);
    const width = request.w ?? (request.kind === 'button' ? 3 : 6);
    const position = clampPosition(defaultControlHeight(request.kind), request.at?.x ?? 0, request.at?.y ?? firstFreeRow(page), width);
    const control = newControlDefinition({ id, kind: request.kind, label: field?.name ?? request.label, fieldId: field?.id ?? null, ...position });
    return { ...page, controls: [...page.controls, control] };
  });
  return { definition: next, id };
}

export function updateControl(definition: ApplicationDefinition, pageId: string, controlId: string, change: Partial<Omit<ControlDefinition, 'id' | 'kind'>>): ApplicationDefinition {
  return mapPage(definition, pageId, (page) => ({
    ...page,
    controls: page.controls.map((control) => (control.id === controlId ? { ...control, ...change } : control)),
  }));
}

/** Moves a control to a grid cell, kept inside the grid; a container carries what sits inside it. */
export function moveControl(definition: ApplicationDefinition, pageId: string, controlId: string, x: number, y: number): ApplicationDefinition {
  const control = definition.pages.find((page) => page.id === pageId)?.controls.find((candidate) => candidate.id === controlId);
  if (!control) return definition;
  const at = clampPosition(control.h, x, y, control.w);
  return moveControls(definition, pageId, [controlId], at.x - control.x, at.y - control.y);
}

/** Removes a control; what sits inside a removed container stays on the page (or in the container around it). */
export function removeControl(definition: ApplicationDefinition, pageId: string, controlId: string): ApplicationDefinition {
  return removeControls(definition, pageId, [controlId], false);
}

/** Controls bound to the field, on every page: shown before a field is removed. */
export function controlsBoundTo(definition: ApplicationDefinition, fieldId: string): number {
  return definition.pages.reduce((sum, page) => sum + page.controls.filter((control) => control.fieldId === fieldId).length, 0);
}
