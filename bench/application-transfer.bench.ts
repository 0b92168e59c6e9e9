import { Agent, request } from 'undici';
import {
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  validateApplicationDefinition,
  type ApplicationDefinition,
  type ControlDefinition,
  type ControlKind,
  type FieldDefinition,
  type FieldType,
} from '../common/domain/application-definition';
import { buildApplicationFile, parseApplicationFile, serializeApplicationFile, type TransferredApplication } from '../common/domain/application-file';
import { startPortal } from '../portal/server';
import { summarise, timed } from './stats';

// Issue 10: export and import of an application with 50 data groups and 2,000 controls: the file's size, the
// console-side check (parse, checksum, references, designer rules), and the portal's export, preview and import
// (PGlite, HTTPS) for a new application and for a new version of an existing one.

const GROUPS = 50;
const CONTROLS_PER_PAGE = 40;
const RUNS = 10;

const FIELD_KINDS: [FieldType, ControlKind][] = [
  ['text', 'textfield'],
  ['longText', 'textarea'],
  ['integer', 'number'],
  ['decimal', 'number'],
  ['boolean', 'checkbox'],
  ['date', 'date'],
  ['choice', 'dropdown'],
  ['reference', 'reference'],
];

function fieldsOf(group: number): FieldDefinition[] {
  return FIELD_KINDS.map(([type], index) =>
    newFieldDefinition({
      id: `g${group}f${index}`,
      name: `Feld ${index + 1}`,
      type,
      required: index === 0,
      ...(type === 'choice' ? { choices: [{ value: 'offen', label: 'Offen' }, { value: 'erledigt', label: 'Erledigt' }] } : {}),
      ...(type === 'reference' ? { referenceDataGroupId: 'g0' } : {}),
      ...(type === 'integer' ? { min: 0, max: 1_000_000 } : {}),
    }),
  );
}

/** One page per data group: its 8 fields, a button to the next page (every page is reachable), labels to 40 controls, 4 per row. */
function pageOf(group: number): ApplicationDefinition['pages'][number] {
  const at = (index: number) => ({ x: (index % 4) * 3, y: Math.floor(index / 4), w: 3, h: 1 });
  const controls: ControlDefinition[] = FIELD_KINDS.map(([, kind], index) =>
    newControlDefinition({ id: `p${group}c${index}`, kind, label: `Feld ${index + 1}`, fieldId: `g${group}f${index}`, ...at(index) }),
  );
  const next = (group + 1) % GROUPS;
  controls.push(newControlDefinition({ id: `p${group}next`, kind: 'button', label: 'Weiter', ...at(controls.length), action: { type: 'goToPage', pageId: `p${next}`, confirm: true } }));
  while (controls.length < CONTROLS_PER_PAGE) controls.push(newControlDefinition({ id: `p${group}l${controls.length}`, kind: 'label', label: `Hinweis ${controls.length}`, ...at(controls.length) }));
  return { id: `p${group}`, title: `Seite ${group + 1}`, dataGroupId: `g${group}`, controls };
}

export function largeDefinition(): ApplicationDefinition {
  const dataGroups = Array.from({ length: GROUPS }, (_, group) =>
    newDataGroupDefinition({ id: `g${group}`, name: `Gruppe ${group + 1}`, tableName: `gruppe_${group + 1}`, fields: fieldsOf(group), parentId: group % 2 === 1 ? `g${group - 1}` : null }),
  );
  return { dataGroups, pages: Array.from({ length: GROUPS }, (_, group) => pageOf(group)) };
}

const kB = (chars: number) => `${(chars / 1024).toFixed(0)} KiB`;

function benchInMemory(application: TransferredApplication): string {
  const texts: string[] = [];
  const exports = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    texts.push(serializeApplicationFile(buildApplicationFile({ exportedAt: '2027-06-02T08:00:00.000Z', source: { portalName: 'Test', portalVersion: '1.0.0' }, sourceVersion: 1, application })));
    return performance.now() - start;
  });
  const text = texts[0]!;
  const reads = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    const parsed = parseApplicationFile(text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    return performance.now() - start;
  });
  console.log(`file: ${kB(text.length)} (${text.length} characters, ${(text.length / (GROUPS * CONTROLS_PER_PAGE)).toFixed(0)} per control)`);
  const built = summarise('build + serialise the file (canonical JSON, SHA-256)', exports);
  const read = summarise('read the file (JSON, checksum, shape, references, designer rules)', reads);
  console.log(`ratio read/build: ${(read.p50 / built.p50).toFixed(2)}`);
  return text;
}

async function benchPortal(definition: ApplicationDefinition): Promise<void> {
  const portal = await startPortal({ memory: true, demo: true, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  try {
    const call = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, ifMatch?: string) => {
      const response = await request(new URL(`/api/v1${path}`, portal.url), {
        method,
        dispatcher,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.body.text();
      if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${text.slice(0, 500)}`);
      return { text, etag: String(response.headers.etag ?? '') };
    };
    let token = '';
    token = (JSON.parse((await call('POST', '/sessions', { login: 'admin', password: 'Admin-Portal-2026' })).text) as { token: string }).token;
    const { id } = JSON.parse((await call('POST', '/applications', { name: 'Bench Quelle', description: '50 Datengruppen' })).text) as { id: string };
    const current = await call('GET', `/applications/${id}/definition`);
    const publish = await timed(() => call('PUT', `/applications/${id}/definition`, { definition, comment: 'bench' }, current.etag));
    console.log(`portal publish (PUT definition, for comparison): ${publish.ms.toFixed(0)} ms`);

    const exports: number[] = [];
    let file = '';
    for (let run = 0; run < RUNS; run++) {
      const answer = await timed(() => call('GET', `/applications/${id}/export`));
      exports.push(answer.ms);
      file = answer.value.text;
    }
    summarise(`portal export GET /applications/:id/export (${kB(file.length)})`, exports);

    const previews: number[] = [];
    let etag = '';
    for (let run = 0; run < RUNS; run++) {
      const answer = await timed(() => call('POST', '/applications/import/preview', { file, name: 'Bench Kopie' }));
      previews.push(answer.ms);
      etag = answer.value.etag;
    }
    summarise('portal preview of a new application (every item "added")', previews);
    const created = await timed(() => call('POST', '/applications/import', { file, name: 'Bench Kopie' }, etag));
    console.log(`portal import as a new application (one transaction): ${created.ms.toFixed(0)} ms; ratio import/publish ${(created.ms / publish.ms).toFixed(2)}`);

    const changedPreviews: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const answer = await timed(() => call('POST', '/applications/import/preview', { file, name: 'Bench Quelle' }));
      changedPreviews.push(answer.ms);
      etag = answer.value.etag;
    }
    summarise('portal preview against the same-named application (no change)', changedPreviews);
  } finally {
    await dispatcher.close();
    await portal.close();
  }
}

export async function benchApplicationTransfer(): Promise<void> {
  const definition = largeDefinition();
  const issues = validateApplicationDefinition(definition);
  if (issues.length > 0) throw new Error(`bench definition is not publishable: ${issues[0]?.code} at ${issues[0]?.path}`);
  const controls = definition.pages.reduce((sum, page) => sum + page.controls.length, 0);
  console.log(`application: ${definition.dataGroups.length} data groups, ${definition.dataGroups.length * FIELD_KINDS.length} fields, ${definition.pages.length} pages, ${controls} controls`);
  benchInMemory({ name: 'Bench', description: '', definition, rights: { defaultLevel: 'read', entries: [] } });
  await benchPortal(definition);
}
