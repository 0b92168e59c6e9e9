import {
  defaultControlFor,
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  type ApplicationDefinition,
  type ControlDefinition,
  type DataGroupDefinition,
  type FieldDefinition,
  type PageDefinition,
} from '../../common/domain/application-definition';
import type { RecordValue, RecordValues } from '../../common/domain/application-records';
import { fileNameSlug } from '../../common/domain/file-name-slug';
import type { PortalExecutor } from '../db/client';
import { applicationDefinitions, applicationDefinitionVersions, applicationRecords } from '../db/schema';
import { firstNames, lastNames } from './names';
import { createRandom, type Random } from './prng';

/**
 * The demo portal's applications as real published definitions (version 1): data groups with parent/child
 * and reference relations, a table page per main data group that opens its edit page, edit pages with
 * sections, group boxes, tables of child records and save / delete / cancel / go-to-page buttons; and a
 * few hundred German records drawn from a seeded PRNG.
 */

const APPLICATIONS_SEED = 20_261_205;
const DAY_MS = 24 * 60 * 60 * 1000;

type Field = FieldDefinition;
const f = (field: Parameters<typeof newFieldDefinition>[0]): Field => newFieldDefinition(field);
const choices = (...values: string[]) => values.map((value) => ({ value, label: value }));

export interface GroupSpec {
  group: DataGroupDefinition;
  /** Singular, for the edit page's title and "Neue …" buttons. */
  singular: string;
  /** Columns of the group's tables (field ids or system fields) and the sort. */
  columns: string[];
  sort: { column: string; direction: 'asc' | 'desc' };
}

// ---- definitions ----

function crmGroups(): GroupSpec[] {
  const firmen = newDataGroupDefinition({
    id: 'dg_firmen',
    name: 'Firmen',
    tableName: 'crm_firmen',
    fields: [
      f({ id: 'f_firma_name', name: 'Name', type: 'text', required: true, unique: true, minLength: 2, maxLength: 120 }),
      f({ id: 'f_firma_branche', name: 'Branche', type: 'choice', required: true, choices: choices('Handel', 'Industrie', 'Dienstleistung', 'Handwerk', 'Öffentliche Hand') }),
      f({ id: 'f_firma_ustid', name: 'USt-IdNr.', type: 'text', unique: true, maxLength: 11, pattern: 'DE[0-9]{9}' }),
      f({ id: 'f_firma_web', name: 'Website', type: 'url', maxLength: 200 }),
      f({ id: 'f_firma_mail', name: 'E-Mail', type: 'email', maxLength: 200 }),
      f({ id: 'f_firma_ma', name: 'Mitarbeitende', type: 'integer', min: 1, max: 500_000 }),
      f({ id: 'f_firma_umsatz', name: 'Jahresumsatz (EUR)', type: 'decimal', precision: 2, min: 0 }),
      f({ id: 'f_firma_seit', name: 'Kunde seit', type: 'date' }),
      f({ id: 'f_firma_aktiv', name: 'Aktiv', type: 'boolean', defaultValue: 'true' }),
      f({ id: 'f_firma_notiz', name: 'Notizen', type: 'longText', maxLength: 4000 }),
    ],
  });
  const kontakte = newDataGroupDefinition({
    id: 'dg_kontakte',
    name: 'Kontakte',
    tableName: 'crm_kontakte',
    parentId: 'dg_firmen',
    onParentDelete: 'cascade',
    fields: [
      f({ id: 'f_kontakt_vorname', name: 'Vorname', type: 'text', required: true, maxLength: 80 }),
      f({ id: 'f_kontakt_nachname', name: 'Nachname', type: 'text', required: true, maxLength: 80 }),
      f({ id: 'f_kontakt_mail', name: 'E-Mail', type: 'email', unique: true, maxLength: 200 }),
      f({ id: 'f_kontakt_tel', name: 'Telefon', type: 'text', maxLength: 30, pattern: '\\+?[0-9 /()-]{6,30}' }),
      f({ id: 'f_kontakt_rolle', name: 'Position', type: 'choice', choices: choices('Geschäftsführung', 'Einkauf', 'Vertrieb', 'Technik', 'Buchhaltung') }),
      f({ id: 'f_kontakt_geburtstag', name: 'Geburtstag', type: 'date' }),
      f({ id: 'f_kontakt_news', name: 'Newsletter', type: 'boolean', defaultValue: 'false' }),
    ],
  });
  const aktivitaeten = newDataGroupDefinition({
    id: 'dg_aktivitaeten',
    name: 'Aktivitäten',
    tableName: 'crm_aktivitaeten',
    fields: [
      f({ id: 'f_akt_betreff', name: 'Betreff', type: 'text', required: true, maxLength: 200 }),
      f({ id: 'f_akt_art', name: 'Art', type: 'choice', required: true, choices: choices('Anruf', 'E-Mail', 'Besuch', 'Angebot'), defaultValue: 'Anruf' }),
      f({ id: 'f_akt_kontakt', name: 'Kontakt', type: 'reference', required: true, referenceDataGroupId: 'dg_kontakte' }),
      f({ id: 'f_akt_zeit', name: 'Zeitpunkt', type: 'dateTime', required: true }),
      f({ id: 'f_akt_dauer', name: 'Dauer (Minuten)', type: 'integer', min: 0, max: 600 }),
      f({ id: 'f_akt_ergebnis', name: 'Ergebnis', type: 'longText', maxLength: 4000 }),
      f({ id: 'f_akt_anhang', name: 'Anhang', type: 'file' }),
    ],
  });
  return [
    { group: firmen, singular: 'Firma', columns: ['f_firma_name', 'f_firma_branche', 'f_firma_ma', 'f_firma_aktiv'], sort: { column: 'f_firma_name', direction: 'asc' } },
    { group: kontakte, singular: 'Kontakt', columns: ['f_kontakt_nachname', 'f_kontakt_vorname', 'f_kontakt_mail', 'f_kontakt_rolle'], sort: { column: 'f_kontakt_nachname', direction: 'asc' } },
    { group: aktivitaeten, singular: 'Aktivität', columns: ['f_akt_zeit', 'f_akt_art', 'f_akt_betreff', 'owner'], sort: { column: 'f_akt_zeit', direction: 'desc' } },
  ];
}

function fuhrparkGroups(): GroupSpec[] {
  const fahrzeuge = newDataGroupDefinition({
    id: 'dg_fahrzeuge',
    name: 'Fahrzeuge',
    tableName: 'fp_fahrzeuge',
    fields: [
      f({ id: 'f_fz_kennzeichen', name: 'Kennzeichen', type: 'text', required: true, unique: true, maxLength: 12, pattern: '[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} [0-9]{1,4}[EH]?' }),
      f({ id: 'f_fz_marke', name: 'Marke', type: 'choice', required: true, choices: choices('VW', 'Skoda', 'BMW', 'Mercedes-Benz', 'Opel', 'Tesla') }),
      f({ id: 'f_fz_modell', name: 'Modell', type: 'text', required: true, maxLength: 60 }),
      f({ id: 'f_fz_kraftstoff', name: 'Antrieb', type: 'choice', required: true, choices: choices('Benzin', 'Diesel', 'Elektro', 'Hybrid') }),
      f({ id: 'f_fz_zulassung', name: 'Erstzulassung', type: 'date', required: true }),
      f({ id: 'f_fz_km', name: 'Kilometerstand', type: 'integer', min: 0, max: 1_000_000 }),
      f({ id: 'f_fz_frei', name: 'Verfügbar', type: 'boolean', defaultValue: 'true' }),
      f({ id: 'f_fz_schein', name: 'Fahrzeugschein', type: 'file' }),
    ],
  });
  const fahrten = newDataGroupDefinition({
    id: 'dg_fahrten',
    name: 'Fahrten',
    tableName: 'fp_fahrten',
    parentId: 'dg_fahrzeuge',
    onParentDelete: 'cascade',
    fields: [
      f({ id: 'f_ft_fahrer', name: 'Fahrer', type: 'text', required: true, maxLength: 120 }),
      f({ id: 'f_ft_start', name: 'Abfahrt', type: 'dateTime', required: true }),
      f({ id: 'f_ft_von', name: 'Von', type: 'text', required: true, maxLength: 120 }),
      f({ id: 'f_ft_nach', name: 'Nach', type: 'text', required: true, maxLength: 120 }),
      f({ id: 'f_ft_km', name: 'Kilometer', type: 'integer', required: true, min: 1, max: 5000 }),
      f({ id: 'f_ft_zweck', name: 'Zweck', type: 'choice', required: true, choices: choices('Kundentermin', 'Dienstreise', 'Werkstatt', 'Sonstiges') }),
      f({ id: 'f_ft_privat', name: 'Privatfahrt', type: 'boolean', defaultValue: 'false' }),
    ],
  });
  const wartungen = newDataGroupDefinition({
    id: 'dg_wartungen',
    name: 'Wartungen',
    tableName: 'fp_wartungen',
    parentId: 'dg_fahrzeuge',
    onParentDelete: 'restrict',
    fields: [
      f({ id: 'f_wt_datum', name: 'Datum', type: 'date', required: true }),
      f({ id: 'f_wt_art', name: 'Art', type: 'choice', required: true, choices: choices('Inspektion', 'Reifenwechsel', 'Reparatur', 'HU/AU') }),
      f({ id: 'f_wt_kosten', name: 'Kosten (EUR)', type: 'decimal', precision: 2, min: 0, max: 100_000 }),
      f({ id: 'f_wt_werkstatt', name: 'Werkstatt', type: 'text', maxLength: 120 }),
      f({ id: 'f_wt_bemerkung', name: 'Bemerkung', type: 'longText', maxLength: 2000 }),
    ],
  });
  return [
    { group: fahrzeuge, singular: 'Fahrzeug', columns: ['f_fz_kennzeichen', 'f_fz_marke', 'f_fz_modell', 'f_fz_frei'], sort: { column: 'f_fz_kennzeichen', direction: 'asc' } },
    { group: fahrten, singular: 'Fahrt', columns: ['f_ft_start', 'f_ft_fahrer', 'f_ft_nach', 'f_ft_km'], sort: { column: 'f_ft_start', direction: 'desc' } },
    { group: wartungen, singular: 'Wartung', columns: ['f_wt_datum', 'f_wt_art', 'f_wt_kosten'], sort: { column: 'f_wt_datum', direction: 'desc' } },
  ];
}

function urlaubGroups(): GroupSpec[] {
  const antraege = newDataGroupDefinition({
    id: 'dg_antraege',
    name: 'Anträge',
    tableName: 'urlaub_antraege',
    fields: [
      f({ id: 'f_ua_name', name: 'Mitarbeiter', type: 'text', required: true, maxLength: 120 }),
      f({ id: 'f_ua_von', name: 'Von', type: 'date', required: true }),
      f({ id: 'f_ua_bis', name: 'Bis', type: 'date', required: true }),
      f({ id: 'f_ua_tage', name: 'Tage', type: 'decimal', required: true, precision: 1, min: 0.5, max: 30 }),
      f({ id: 'f_ua_art', name: 'Art', type: 'choice', required: true, choices: choices('Erholungsurlaub', 'Sonderurlaub', 'Überstundenausgleich'), defaultValue: 'Erholungsurlaub' }),
      f({ id: 'f_ua_status', name: 'Status', type: 'choice', required: true, choices: choices('Beantragt', 'Genehmigt', 'Abgelehnt'), defaultValue: 'Beantragt' }),
      f({ id: 'f_ua_vertretung', name: 'Vertretung', type: 'text', maxLength: 120 }),
      f({ id: 'f_ua_bemerkung', name: 'Bemerkung', type: 'longText', maxLength: 1000 }),
    ],
  });
  return [{ group: antraege, singular: 'Antrag', columns: ['f_ua_von', 'f_ua_name', 'f_ua_tage', 'f_ua_status'], sort: { column: 'f_ua_von', direction: 'desc' } }];
}

function wissenGroups(): GroupSpec[] {
  const kategorien = newDataGroupDefinition({
    id: 'dg_kategorien',
    name: 'Kategorien',
    tableName: 'wissen_kategorien',
    fields: [
      f({ id: 'f_kat_name', name: 'Name', type: 'text', required: true, unique: true, maxLength: 80 }),
      f({ id: 'f_kat_beschreibung', name: 'Beschreibung', type: 'longText', maxLength: 1000 }),
    ],
  });
  const artikel = newDataGroupDefinition({
    id: 'dg_artikel',
    name: 'Artikel',
    tableName: 'wissen_artikel',
    parentId: 'dg_kategorien',
    onParentDelete: 'restrict',
    fields: [
      f({ id: 'f_art_titel', name: 'Titel', type: 'text', required: true, maxLength: 160 }),
      f({ id: 'f_art_inhalt', name: 'Inhalt', type: 'longText', required: true, maxLength: 20_000 }),
      f({ id: 'f_art_tags', name: 'Schlagworte', type: 'text', maxLength: 200 }),
      f({ id: 'f_art_public', name: 'Veröffentlicht', type: 'boolean', defaultValue: 'false' }),
      f({ id: 'f_art_gueltig', name: 'Gültig bis', type: 'date' }),
      f({ id: 'f_art_quelle', name: 'Quelle', type: 'url', maxLength: 300 }),
    ],
  });
  return [
    { group: kategorien, singular: 'Kategorie', columns: ['f_kat_name', 'changed'], sort: { column: 'f_kat_name', direction: 'asc' } },
    { group: artikel, singular: 'Artikel', columns: ['f_art_titel', 'f_art_public', 'changed'], sort: { column: 'changed', direction: 'desc' } },
  ];
}

function ideenGroups(): GroupSpec[] {
  const ideen = newDataGroupDefinition({
    id: 'dg_ideen',
    name: 'Ideen',
    tableName: 'ideen',
    fields: [
      f({ id: 'f_idee_titel', name: 'Titel', type: 'text', required: true, minLength: 5, maxLength: 160 }),
      f({ id: 'f_idee_text', name: 'Beschreibung', type: 'longText', required: true, maxLength: 8000 }),
      f({ id: 'f_idee_von', name: 'Eingereicht von', type: 'text', required: true, maxLength: 120 }),
      f({ id: 'f_idee_mail', name: 'E-Mail', type: 'email', maxLength: 200 }),
      f({ id: 'f_idee_bereich', name: 'Bereich', type: 'choice', required: true, choices: choices('Vertrieb', 'Einkauf', 'Personal', 'IT', 'Produktion') }),
      f({ id: 'f_idee_ersparnis', name: 'Geschätzte Einsparung (EUR/Jahr)', type: 'decimal', precision: 2, min: 0 }),
      f({ id: 'f_idee_status', name: 'Status', type: 'choice', required: true, choices: choices('Eingereicht', 'In Prüfung', 'Umgesetzt', 'Abgelehnt'), defaultValue: 'Eingereicht' }),
      f({ id: 'f_idee_am', name: 'Eingereicht am', type: 'dateTime', required: true }),
    ],
  });
  const bewertungen = newDataGroupDefinition({
    id: 'dg_bewertungen',
    name: 'Bewertungen',
    tableName: 'ideen_bewertungen',
    parentId: 'dg_ideen',
    onParentDelete: 'cascade',
    fields: [
      f({ id: 'f_bw_gutachter', name: 'Gutachter', type: 'text', required: true, maxLength: 120 }),
      f({ id: 'f_bw_punkte', name: 'Punkte', type: 'integer', required: true, min: 1, max: 10 }),
      f({ id: 'f_bw_kommentar', name: 'Kommentar', type: 'longText', maxLength: 2000 }),
    ],
  });
  return [
    { group: ideen, singular: 'Idee', columns: ['f_idee_titel', 'f_idee_bereich', 'f_idee_status', 'f_idee_am'], sort: { column: 'f_idee_am', direction: 'desc' } },
    { group: bewertungen, singular: 'Bewertung', columns: ['f_bw_gutachter', 'f_bw_punkte', 'created'], sort: { column: 'created', direction: 'desc' } },
  ];
}

// ---- pages ----

const listPageId = (group: DataGroupDefinition) => `p_${group.id.replace(/^dg_/, '')}_liste`;
const editPageId = (group: DataGroupDefinition) => `p_${group.id.replace(/^dg_/, '')}_bearbeiten`;
const cid = (page: string, name: string) => `c_${page.replace(/^p_/, '')}_${name}`;

function tableControl(id: string, spec: GroupSpec, y: number, pageSize: number): ControlDefinition {
  return newControlDefinition({
    id,
    kind: 'table',
    label: spec.group.name,
    x: 0,
    y,
    w: 12,
    h: 8,
    table: { dataGroupId: spec.group.id, columns: spec.columns, sort: spec.sort, filter: null, pageSize, openPageId: editPageId(spec.group) },
  });
}

/** The table page of a main data group: a title, navigation to the other main groups, a "new" button and the table. */
function listPage(spec: GroupSpec, mains: GroupSpec[]): PageDefinition {
  const id = listPageId(spec.group);
  const nav = mains
    .filter((other) => other !== spec)
    .map((other, index) =>
      newControlDefinition({ id: cid(id, `nav_${other.group.tableName}`), kind: 'button', label: other.group.name, x: 6 + index * 3, y: 0, w: 3, action: { type: 'goToPage', pageId: listPageId(other.group), confirm: true } }),
    );
  return {
    id,
    title: spec.group.name,
    dataGroupId: spec.group.id,
    controls: [
      newControlDefinition({ id: cid(id, 'titel'), kind: 'label', label: `Alle ${spec.group.name}`, x: 0, y: 0, w: 6 }),
      ...nav,
      newControlDefinition({ id: cid(id, 'neu'), kind: 'button', label: `${spec.singular} anlegen`, x: 0, y: 1, w: 3, action: { type: 'goToPage', pageId: editPageId(spec.group), confirm: true } }),
      tableControl(cid(id, 'tabelle'), spec, 2, 25),
    ],
  };
}

/** Input controls of `fields` two to a row (long texts take a row of three lines) inside `containerId`, from row `y`. */
function inputs(page: string, fields: Field[], containerId: string, y: number): { controls: ControlDefinition[]; rows: number } {
  const controls: ControlDefinition[] = [];
  let row = y;
  let column = 0;
  for (const field of fields) {
    const kind = defaultControlFor(field.type);
    const wide = kind === 'textarea';
    if (wide && column !== 0) {
      row += 1;
      column = 0;
    }
    controls.push(newControlDefinition({ id: cid(page, field.id), kind, label: field.name, fieldId: field.id, x: column, y: row, w: wide ? 12 : 6, containerId }));
    if (wide) {
      row += 3;
    } else if (column === 6) {
      row += 1;
      column = 0;
    } else {
      column = 6;
    }
  }
  return { controls, rows: row - y + (column === 0 ? 0 : 1) };
}

/** A container (section or group box) with its inputs; the container's first row is its title. */
function box(page: string, kind: 'section' | 'groupbox', label: string, fields: Field[], y: number): { controls: ControlDefinition[]; height: number } {
  const id = cid(page, kind === 'section' ? 'stammdaten' : 'weiteres');
  const inner = inputs(page, fields, id, y + 1);
  const height = inner.rows + 1;
  return { controls: [newControlDefinition({ id, kind, label, x: 0, y, w: 12, h: height }), ...inner.controls], height };
}

/** The edit page: the fields in a section (and a group box for the rest), tables of child records, and the buttons. */
function editPage(spec: GroupSpec, specs: GroupSpec[]): PageDefinition {
  const { group } = spec;
  const id = editPageId(group);
  const parent = specs.find((other) => other.group.id === group.parentId);
  const backPage = parent === undefined ? listPageId(group) : editPageId(parent.group);
  const controls: ControlDefinition[] = [newControlDefinition({ id: cid(id, 'titel'), kind: 'label', label: spec.singular, x: 0, y: 0, w: 12 })];
  let y = 1;
  const main = group.fields.slice(0, 6);
  const rest = group.fields.slice(6);
  for (const [kind, label, fields] of [['section', 'Stammdaten', main], ['groupbox', 'Weitere Angaben', rest]] as const) {
    if (fields.length === 0) continue;
    const placed = box(id, kind, label, [...fields], y);
    controls.push(...placed.controls);
    y += placed.height;
  }
  for (const child of specs.filter((other) => other.group.parentId === group.id)) {
    controls.push(newControlDefinition({ id: cid(id, `${child.group.tableName}_titel`), kind: 'label', label: child.group.name, x: 0, y, w: 9 }));
    controls.push(
      newControlDefinition({ id: cid(id, `${child.group.tableName}_neu`), kind: 'button', label: `${child.singular} anlegen`, x: 9, y, w: 3, action: { type: 'goToPage', pageId: editPageId(child.group), confirm: true } }),
    );
    controls.push(tableControl(cid(id, `${child.group.tableName}_tabelle`), child, y + 1, 10));
    y += 9;
  }
  const button = (name: string, label: string, x: number, action: ControlDefinition['action']) => newControlDefinition({ id: cid(id, name), kind: 'button', label, x, y, w: 3, action });
  controls.push(
    button('speichern', 'Speichern', 0, { type: 'save', pageId: backPage, confirm: true }),
    button('loeschen', 'Löschen', 3, { type: 'delete', pageId: backPage, confirm: true }),
    button('abbrechen', 'Abbrechen', 6, { type: 'cancel', pageId: backPage, confirm: true }),
    button('zurueck', parent === undefined ? 'Zur Übersicht' : `Zurück zu ${parent.singular}`, 9, { type: 'goToPage', pageId: backPage, confirm: true }),
  );
  return { id, title: `${spec.singular} bearbeiten`, dataGroupId: group.id, controls };
}

/** The definition of an application from its data groups: table pages for the main groups (the first one is the start page), an edit page per group. */
export function applicationFromGroups(specs: GroupSpec[]): ApplicationDefinition {
  const mains = specs.filter((spec) => spec.group.parentId === null);
  return {
    dataGroups: specs.map((spec) => spec.group),
    pages: [...mains.map((spec) => listPage(spec, mains)), ...specs.map((spec) => editPage(spec, specs))],
  };
}

export const DEMO_APPLICATION_DEFINITIONS: Record<string, () => ApplicationDefinition> = {
  CRM: () => applicationFromGroups(crmGroups()),
  Fuhrpark: () => applicationFromGroups(fuhrparkGroups()),
  Urlaubsantrag: () => applicationFromGroups(urlaubGroups()),
  Wissensdatenbank: () => applicationFromGroups(wissenGroups()),
  Ideenmanagement: () => applicationFromGroups(ideenGroups()),
};

// ---- records ----

export interface DemoRecord {
  id: string;
  dataGroupId: string;
  parentRecordId: string | null;
  values: RecordValues;
  createdAt: Date;
}

interface RecordContext {
  random: Random;
  now: Date;
  records: DemoRecord[];
}

function person(random: Random): string {
  return `${random.pick(firstNames)} ${random.pick(lastNames)}`;
}

const isoDate = (at: Date) => at.toISOString().slice(0, 10);
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
/** A working-hours time `days` ago, to the quarter hour. */
const workTime = (random: Random, now: Date, days: number) => {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * DAY_MS);
  return new Date(day.getTime() + (random.int(7, 16) * 60 + random.pick([0, 15, 30, 45])) * 60_000).toISOString();
};
const money = (random: Random, min: number, max: number) => Math.round(random.int(min * 100, max * 100)) / 100;

function add(ctx: RecordContext, dataGroupId: string, values: Record<string, RecordValue>, parentRecordId: string | null = null, ageDays = ctx.random.int(1, 400)): DemoRecord {
  const record = { id: ctx.random.uuid(), dataGroupId, parentRecordId, values, createdAt: daysAgo(ctx.now, ageDays) };
  ctx.records.push(record);
  return record;
}

const COMPANY_STEMS = ['Bergmann', 'Nordlicht', 'Rheintal', 'Alpen', 'Hansen', 'Sonnenhof', 'Elbtal', 'Weser', 'Taunus', 'Spree', 'Harz', 'Main', 'Isar', 'Schwarzwald', 'Ostsee', 'Kessler', 'Vogt', 'Brandt', 'Lindner', 'Kaiser', 'Falk', 'Adler', 'Eichhorn', 'Sturm', 'Winter', 'Roth', 'Frank', 'Berger', 'Keller', 'Hagen'];
const COMPANY_TRADES = ['Logistik', 'Maschinenbau', 'Elektrotechnik', 'Bau', 'Software', 'Druck', 'Metallbau', 'Lebensmittel', 'Beratung', 'Medizintechnik'];
const COMPANY_FORMS = ['GmbH', 'AG', 'GmbH & Co. KG', 'KG', 'e.K.'];
const CITIES = ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt am Main', 'Stuttgart', 'Düsseldorf', 'Leipzig', 'Dresden', 'Hannover', 'Nürnberg', 'Bremen'];

function seedCrm(ctx: RecordContext): void {
  const { random } = ctx;
  const contacts: DemoRecord[] = [];
  const mails = new Set<string>();
  COMPANY_STEMS.forEach((stem, index) => {
    const name = `${stem} ${random.pick(COMPANY_TRADES)} ${random.pick(COMPANY_FORMS)}`;
    const domain = `${fileNameSlug(stem)}-${index + 1}.de`;
    const firma = add(ctx, 'dg_firmen', {
      f_firma_name: name,
      f_firma_branche: random.pick(['Handel', 'Industrie', 'Dienstleistung', 'Handwerk', 'Öffentliche Hand']),
      f_firma_ustid: `DE${String(100_000_000 + index * 7_654_321).slice(0, 9)}`,
      f_firma_web: `https://www.${domain}`,
      f_firma_mail: `info@${domain}`,
      f_firma_ma: random.int(5, 2500),
      f_firma_umsatz: money(random, 250_000, 90_000_000),
      f_firma_seit: isoDate(daysAgo(ctx.now, random.int(100, 3000))),
      f_firma_aktiv: random.next() > 0.15,
      f_firma_notiz: random.next() > 0.5 ? `Ansprechpartner in ${random.pick(CITIES)}; Rahmenvertrag ${random.pick(['läuft', 'in Verhandlung', 'gekündigt'])}.` : null,
    }, null, random.int(200, 900));
    const count = random.int(2, 4);
    for (let c = 0; c < count; c += 1) {
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      let mail = `${fileNameSlug(first)}.${fileNameSlug(last)}@${domain}`;
      if (mails.has(mail)) mail = `${fileNameSlug(first)}.${fileNameSlug(last)}.${c}@${domain}`;
      mails.add(mail);
      contacts.push(
        add(ctx, 'dg_kontakte', {
          f_kontakt_vorname: first,
          f_kontakt_nachname: last,
          f_kontakt_mail: mail,
          f_kontakt_tel: `+49 ${random.int(30, 991)} ${random.int(100_000, 9_999_999)}`,
          f_kontakt_rolle: random.pick(['Geschäftsführung', 'Einkauf', 'Vertrieb', 'Technik', 'Buchhaltung']),
          f_kontakt_geburtstag: random.next() > 0.4 ? `${random.int(1960, 2000)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}` : null,
          f_kontakt_news: random.next() > 0.6,
        }, firma.id, random.int(30, 200)),
      );
    }
  });
  const subjects = ['Angebot besprochen', 'Rückruf wegen Lieferung', 'Jahresgespräch', 'Reklamation geklärt', 'Neue Preisliste', 'Besuch auf der Messe', 'Vertragsverlängerung', 'Bedarf für 2027 abgefragt'];
  for (let a = 0; a < 80; a += 1) {
    const days = random.int(0, 180);
    add(ctx, 'dg_aktivitaeten', {
      f_akt_betreff: random.pick(subjects),
      f_akt_art: random.pick(['Anruf', 'E-Mail', 'Besuch', 'Angebot']),
      f_akt_kontakt: random.pick(contacts).id,
      f_akt_zeit: workTime(random, ctx.now, days),
      f_akt_dauer: random.int(5, 120),
      f_akt_ergebnis: random.next() > 0.5 ? random.pick(['Folgetermin vereinbart.', 'Angebot wird bis Freitag erstellt.', 'Kein Bedarf im laufenden Quartal.', 'Unterlagen per Post verschickt.']) : null,
      f_akt_anhang: random.next() > 0.8 ? `Protokoll-${a + 1}.pdf` : null,
    }, null, days);
  }
}

const VEHICLES: Array<[string, string, string]> = [
  ['VW', 'Passat Variant', 'Diesel'], ['VW', 'ID.4', 'Elektro'], ['Skoda', 'Octavia Combi', 'Benzin'], ['BMW', '320d Touring', 'Diesel'],
  ['Mercedes-Benz', 'Vito', 'Diesel'], ['Opel', 'Corsa-e', 'Elektro'], ['Tesla', 'Model 3', 'Elektro'], ['Skoda', 'Superb', 'Hybrid'],
  ['VW', 'Golf', 'Benzin'], ['BMW', 'X1 xDrive25e', 'Hybrid'], ['Mercedes-Benz', 'Sprinter', 'Diesel'], ['Opel', 'Astra', 'Benzin'],
];

function seedFuhrpark(ctx: RecordContext): void {
  const { random } = ctx;
  VEHICLES.forEach(([marke, modell, antrieb], index) => {
    const plate = `${random.pick(['M', 'B', 'HH', 'K', 'F', 'S'])}-${String.fromCharCode(65 + (index % 26))}${String.fromCharCode(65 + ((index * 7) % 26))} ${100 + index * 37}${antrieb === 'Elektro' ? 'E' : ''}`;
    const fahrzeug = add(ctx, 'dg_fahrzeuge', {
      f_fz_kennzeichen: plate,
      f_fz_marke: marke,
      f_fz_modell: modell,
      f_fz_kraftstoff: antrieb,
      f_fz_zulassung: isoDate(daysAgo(ctx.now, random.int(200, 2200))),
      f_fz_km: random.int(3_000, 180_000),
      f_fz_frei: random.next() > 0.3,
      f_fz_schein: `Fahrzeugschein-${fileNameSlug(plate)}.pdf`,
    }, null, random.int(200, 900));
    for (let t = 0; t < 5; t += 1) {
      const days = random.int(0, 120);
      add(ctx, 'dg_fahrten', {
        f_ft_fahrer: person(random),
        f_ft_start: workTime(random, ctx.now, days),
        f_ft_von: 'Firmensitz Köln',
        f_ft_nach: random.pick(CITIES),
        f_ft_km: random.int(12, 780),
        f_ft_zweck: random.pick(['Kundentermin', 'Dienstreise', 'Werkstatt', 'Sonstiges']),
        f_ft_privat: random.next() > 0.9,
      }, fahrzeug.id, days);
    }
    for (let w = 0; w < 2; w += 1) {
      const days = random.int(10, 700);
      add(ctx, 'dg_wartungen', {
        f_wt_datum: isoDate(daysAgo(ctx.now, days)),
        f_wt_art: random.pick(['Inspektion', 'Reifenwechsel', 'Reparatur', 'HU/AU']),
        f_wt_kosten: money(random, 60, 2400),
        f_wt_werkstatt: `Autohaus ${random.pick(lastNames)}`,
        f_wt_bemerkung: random.next() > 0.6 ? 'Ersatzwagen wurde gestellt.' : null,
      }, fahrzeug.id, days);
    }
  });
}

function seedUrlaub(ctx: RecordContext): void {
  const { random } = ctx;
  for (let a = 0; a < 30; a += 1) {
    const start = random.int(-60, 120);
    const days = random.int(1, 15);
    add(ctx, 'dg_antraege', {
      f_ua_name: person(random),
      f_ua_von: isoDate(daysAgo(ctx.now, -start)),
      f_ua_bis: isoDate(daysAgo(ctx.now, -(start + days - 1))),
      f_ua_tage: random.next() > 0.9 ? days - 0.5 : days,
      f_ua_art: random.pick(['Erholungsurlaub', 'Erholungsurlaub', 'Sonderurlaub', 'Überstundenausgleich']),
      f_ua_status: start < 0 ? 'Genehmigt' : random.pick(['Beantragt', 'Genehmigt', 'Abgelehnt']),
      f_ua_vertretung: random.next() > 0.3 ? person(random) : null,
      f_ua_bemerkung: null,
    }, null, Math.max(1, -start + random.int(5, 30)));
  }
}

const KNOWLEDGE: Record<string, string[]> = {
  'IT und Zugänge': ['Passwort zurücksetzen', 'VPN einrichten', 'Drucker hinzufügen', 'Zwei-Faktor-Anmeldung aktivieren', 'Neues Notebook anfordern', 'Phishing-Mails erkennen'],
  Reisekosten: ['Reisekostenabrechnung einreichen', 'Hotelbuchung über das Portal', 'Kilometerpauschale', 'Verpflegungsmehraufwand'],
  Personal: ['Urlaub beantragen', 'Krankmeldung', 'Elternzeit', 'Betriebliche Altersvorsorge', 'Mobiles Arbeiten'],
  Arbeitssicherheit: ['Erste Hilfe im Betrieb', 'Brandschutzhelfer', 'Bildschirmarbeitsplatz einrichten', 'Unfall melden'],
  Einkauf: ['Bestellanforderung stellen', 'Neue Lieferanten anlegen', 'Freigabegrenzen', 'Rahmenverträge nutzen', 'Rechnungsprüfung', 'Nachhaltige Beschaffung'],
};

function seedWissen(ctx: RecordContext): void {
  const { random } = ctx;
  for (const [name, titles] of Object.entries(KNOWLEDGE)) {
    const kategorie = add(ctx, 'dg_kategorien', { f_kat_name: name, f_kat_beschreibung: `Anleitungen und Richtlinien zum Thema ${name}.` }, null, random.int(300, 700));
    titles.forEach((title) => {
      add(ctx, 'dg_artikel', {
        f_art_titel: title,
        f_art_inhalt: `${title}: So gehen Sie vor.\n\n1. Öffnen Sie das Portal.\n2. Wählen Sie den Bereich ${name}.\n3. Folgen Sie den Schritten im Formular.\n\nBei Fragen hilft die Hotline unter Durchwahl ${random.int(100, 999)}.`,
        f_art_tags: [name.split(' ')[0] ?? name, ...title.split(' ').slice(0, 2)].join(', '),
        f_art_public: random.next() > 0.2,
        f_art_gueltig: random.next() > 0.5 ? isoDate(daysAgo(ctx.now, -random.int(30, 700))) : null,
        f_art_quelle: random.next() > 0.6 ? `https://intranet.muster-gmbh.de/wissen/${fileNameSlug(title)}` : null,
      }, kategorie.id, random.int(1, 300));
    });
  }
}

const IDEAS = [
  'Papierlose Reisekostenabrechnung', 'LED-Beleuchtung in der Halle', 'Gemeinsamer Kalender für Besprechungsräume', 'Fahrgemeinschaften fördern',
  'Jobrad für alle', 'Digitale Eingangspost', 'Wasserspender statt Flaschen', 'Schulung zu Tastenkürzeln', 'Lieferantenportal für Rechnungen',
  'Ruheraum einrichten', 'Sammelbestellung Büromaterial', 'Photovoltaik auf dem Lager', 'Onboarding-Paten', 'Vorlagen für Angebote vereinheitlichen', 'Monatliches Team-Frühstück',
];

function seedIdeen(ctx: RecordContext): void {
  const { random } = ctx;
  IDEAS.forEach((title) => {
    const days = random.int(5, 300);
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const idee = add(ctx, 'dg_ideen', {
      f_idee_titel: title,
      f_idee_text: `Vorschlag: ${title}. Das spart Zeit und Kosten und wird von den Kolleginnen und Kollegen ausdrücklich gewünscht.`,
      f_idee_von: `${first} ${last}`,
      f_idee_mail: `${fileNameSlug(first)}.${fileNameSlug(last)}@muster-gmbh.de`,
      f_idee_bereich: random.pick(['Vertrieb', 'Einkauf', 'Personal', 'IT', 'Produktion']),
      f_idee_ersparnis: random.next() > 0.3 ? money(random, 200, 40_000) : null,
      f_idee_status: random.pick(['Eingereicht', 'In Prüfung', 'Umgesetzt', 'Abgelehnt']),
      f_idee_am: workTime(random, ctx.now, days),
    }, null, days);
    const reviews = random.int(0, 4);
    for (let r = 0; r < reviews; r += 1) {
      add(ctx, 'dg_bewertungen', {
        f_bw_gutachter: person(random),
        f_bw_punkte: random.int(1, 10),
        f_bw_kommentar: random.next() > 0.5 ? random.pick(['Gute Idee, schnell umsetzbar.', 'Kosten müssen geprüft werden.', 'Bitte mit dem Betriebsrat abstimmen.']) : null,
      }, idee.id, Math.max(1, days - random.int(1, 4)));
    }
  });
}

const DEMO_RECORDS: Record<string, (ctx: RecordContext) => void> = {
  CRM: seedCrm,
  Fuhrpark: seedFuhrpark,
  Urlaubsantrag: seedUrlaub,
  Wissensdatenbank: seedWissen,
  Ideenmanagement: seedIdeen,
};

/** The records of one demo application (deterministic for a given `now`); parents come before their children. */
export function buildDemoRecords(applicationName: string, now: Date): DemoRecord[] {
  const build = DEMO_RECORDS[applicationName];
  if (build === undefined) return [];
  let seed = APPLICATIONS_SEED;
  for (const char of applicationName) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  const ctx: RecordContext = { random: createRandom(seed), now, records: [] };
  build(ctx);
  return ctx.records;
}

/** Publishes version 1 of each demo application and inserts its records: a few hundred rows in four statements. */
export async function seedApplicationsDemo(tx: PortalExecutor, apps: ReadonlyArray<{ id?: string | undefined; name: string }>, now: Date, publishedBy: string): Promise<number> {
  const versionIds = createRandom(APPLICATIONS_SEED);
  const publishedAt = new Date(now.getTime() - 30 * DAY_MS);
  const definitions: Array<typeof applicationDefinitions.$inferInsert> = [];
  const records: Array<typeof applicationRecords.$inferInsert> = [];
  for (const app of apps) {
    const definition = DEMO_APPLICATION_DEFINITIONS[app.name]?.();
    const applicationId = app.id;
    if (definition === undefined || applicationId === undefined) continue;
    definitions.push({ applicationId, document: definition, version: 1, publishedAt, publishedBy });
    for (const record of buildDemoRecords(app.name, now)) records.push({ ...record, applicationId, owner: publishedBy, changedAt: record.createdAt });
  }
  if (definitions.length === 0) return 0;
  await tx.insert(applicationDefinitions).values(definitions);
  await tx.insert(applicationDefinitionVersions).values(definitions.map((row) => ({ ...row, id: versionIds.uuid(), comment: 'Erste Fassung' })));
  // Parents come before their children within each application, so the parent keys hold statement by statement.
  for (let start = 0; start < records.length; start += 1000) await tx.insert(applicationRecords).values(records.slice(start, start + 1000));
  return records.length;
}
