import {
  GRID_COLUMNS,
  controlHeight,
  type ApplicationDefinition,
  type ControlDefinition,
  type FieldDefinition,
  type PageDefinition,
} from '../../../../common/domain/application-definition';
import type { LayoutContent } from '../../../../common/domain/layout-rules';
import { escapeHtml, portalPageHtml } from './sample-page';

export interface ApplicationPageTexts {
  portalName: string;
  nav: string[];
  applicationName: string;
  /** Shown in a table view's only row: the preview has no records. */
  noRecords: string;
  noControls: string;
  /** The alternative text of an image control without a label. */
  image: string;
}

/** Class names of an application page, for custom CSS (listed in the CSS hint). */
const PAGE_CSS = `
.portal-app-title { margin: 0 0 4px; font-size: 14px; font-weight: 500; color: #495057; }
.portal-app-grid { display: grid; grid-template-columns: repeat(${GRID_COLUMNS}, minmax(0, 1fr)); grid-auto-rows: minmax(36px, auto); gap: 8px 12px; }
.portal-app-grid > * { min-width: 0; position: relative; z-index: 1; }
.portal-app-grid > .portal-group { z-index: 0; }
.portal-field { display: flex; flex-direction: column; gap: 2px; align-self: end; }
.portal-field label, .portal-label-text { font-size: 13px; font-weight: 500; }
.portal-input { font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid #868e96; border-radius: 4px; background: #fff; color: inherit; }
textarea.portal-input { height: 100%; min-height: 48px; resize: none; }
.portal-check { display: flex; align-items: center; gap: 6px; font-size: 14px; align-self: end; }
.portal-required { color: #b30505; }
.portal-group { border: 1px solid #dee2e6; border-radius: 6px; background: #fff; padding: 6px 10px; margin: 0; }
.portal-group > legend, .portal-group > h2 { font-size: 14px; font-weight: 600; margin: 0; padding: 0 4px; }
.portal-tabs-bar { display: flex; gap: 12px; border-bottom: 1px solid #dee2e6; }
.portal-tabs-bar span { padding: 4px 2px; font-size: 14px; }
.portal-tabs-bar span[aria-selected="true"] { border-bottom: 2px solid var(--portal-primary); font-weight: 600; }
.portal-table { width: 100%; border-collapse: collapse; background: #fff; font-size: 14px; }
.portal-table th { text-align: left; background: #f1f3f5; }
.portal-table th, .portal-table td { border: 1px solid #dee2e6; padding: 4px 8px; }
.portal-image { display: flex; align-items: center; justify-content: center; border: 1px dashed #868e96; border-radius: 4px; color: #495057; font-size: 13px; height: 100%; }
.portal-button { align-self: end; justify-self: start; }
`;

const INPUT_TYPES: Partial<Record<ControlDefinition['kind'], string>> = {
  textfield: 'text',
  number: 'number',
  date: 'date',
  datetime: 'datetime-local',
  email: 'email',
  url: 'url',
  file: 'file',
};

function placement(control: ControlDefinition): string {
  const column = Math.min(Math.max(control.x, 0), GRID_COLUMNS - 1);
  const width = Math.max(1, Math.min(control.w, GRID_COLUMNS - column));
  return `grid-column: ${column + 1} / span ${width}; grid-row: ${Math.max(control.y, 0) + 1} / span ${Math.max(1, controlHeight(control))};`;
}

function inputHtml(control: ControlDefinition, field: FieldDefinition | undefined, id: string): string {
  const required = field?.required ? ' required' : '';
  if (control.kind === 'textarea') return `<textarea class="portal-input" id="${id}"${required}></textarea>`;
  if (control.kind === 'dropdown' || control.kind === 'reference') {
    const options = (field?.choices ?? []).map((choice) => `<option>${escapeHtml(choice.label)}</option>`).join('');
    return `<select class="portal-input" id="${id}"${required}><option></option>${options}</select>`;
  }
  return `<input class="portal-input" type="${INPUT_TYPES[control.kind] ?? 'text'}" id="${id}"${required}>`;
}

/** The column titles of a table view: field names, system fields by their key. */
function tableColumns(control: ControlDefinition, definition: ApplicationDefinition): string[] {
  const group = definition.dataGroups.find((candidate) => candidate.id === control.table?.dataGroupId);
  return (control.table?.columns ?? []).map((column) => group?.fields.find((field) => field.id === column)?.name ?? column);
}

interface RenderContext {
  definition: ApplicationDefinition;
  fields: Map<string, FieldDefinition>;
  texts: ApplicationPageTexts;
}

function controlHtml(control: ControlDefinition, context: RenderContext, index: number): string {
  const style = `style="${placement(control)}"`;
  const label = escapeHtml(control.label);
  const field = control.fieldId === null ? undefined : context.fields.get(control.fieldId);
  switch (control.kind) {
    case 'label':
      return `<p class="portal-text" ${style}>${label}</p>`;
    case 'link':
      return `<a class="portal-link" href="#" ${style}>${label || escapeHtml(control.url)}</a>`;
    case 'image':
      return `<div class="portal-image" role="img" aria-label="${label || escapeHtml(context.texts.image)}" ${style}>${label || escapeHtml(context.texts.image)}</div>`;
    case 'button':
      return `<button class="portal-button" type="button" ${style}>${label}</button>`;
    case 'table': {
      const columns = tableColumns(control, context.definition);
      const head = columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('');
      return `<div class="portal-table-wrap" ${style}><table class="portal-table"><thead><tr>${head}</tr></thead><tbody><tr><td colspan="${Math.max(columns.length, 1)}">${escapeHtml(context.texts.noRecords)}</td></tr></tbody></table></div>`;
    }
    case 'section':
      return `<section class="portal-group portal-section" ${style}><h2>${label}</h2></section>`;
    case 'groupbox':
      return `<fieldset class="portal-group portal-groupbox" ${style}><legend>${label}</legend></fieldset>`;
    case 'tabs': {
      const tabs = control.tabs.map((title, tab) => `<span role="tab" aria-selected="${tab === 0}">${escapeHtml(title)}</span>`).join('');
      return `<div class="portal-group portal-tabs" ${style}><div class="portal-tabs-bar" role="tablist">${tabs}</div></div>`;
    }
    case 'checkbox':
      return `<label class="portal-check" ${style}><input type="checkbox"> ${label || escapeHtml(field?.name ?? '')}</label>`;
    default: {
      const id = `control-${index}`;
      const caption = label || escapeHtml(field?.name ?? '');
      const star = field?.required ? ' <span class="portal-required" aria-hidden="true">*</span>' : '';
      return `<div class="portal-field" ${style}><label for="${id}">${caption}${star}</label>${inputHtml(control, field, id)}</div>`;
    }
  }
}

/** Only the first tab of a tab set is shown, as in the portal when the page opens. */
function visible(control: ControlDefinition, controls: ReadonlyMap<string, ControlDefinition>): boolean {
  let current = control;
  for (let depth = 0; depth < 20 && current.containerId !== null; depth += 1) {
    const container = controls.get(current.containerId);
    if (container === undefined) return true;
    if (container.kind === 'tabs' && current.tab !== 0) return false;
    current = container;
  }
  return true;
}

/** One page of an application as the portal shows it, in the layout: its controls on the 12-column grid. */
export function applicationPageHtml(layout: LayoutContent, definition: ApplicationDefinition, page: PageDefinition, texts: ApplicationPageTexts): string {
  const group = definition.dataGroups.find((candidate) => candidate.id === page.dataGroupId);
  const context: RenderContext = { definition, fields: new Map((group?.fields ?? []).map((field) => [field.id, field])), texts };
  const controls = new Map(page.controls.map((control) => [control.id, control]));
  const body = page.controls.length === 0
    ? `<p>${escapeHtml(texts.noControls)}</p>`
    : `<div class="portal-app-grid">${page.controls
        .map((control, index) => (visible(control, controls) ? controlHtml(control, context, index) : ''))
        .join('\n')}</div>`;
  return portalPageHtml(
    layout,
    texts,
    `<p class="portal-app-title">${escapeHtml(texts.applicationName)}</p><h1>${escapeHtml(page.title)}</h1>${body}`,
    PAGE_CSS,
  );
}
