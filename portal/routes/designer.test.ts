import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationDefinition } from '../../common/domain/application-definition';
import type { ApplicationDefinitionDoc, ApplicationPage, DefinitionVersionPage, Layout, LayoutPage } from '../../common/portal-api/designer';
import { STANDARD_LAYOUT_ID } from '../designer/layouts';
import { startTestPortal, type TestPortal } from '../test-support';

let portal: TestPortal;
let token: string;

const get = (path: string) => portal.request('GET', `/api/v1${path}`, { token });
const send = (method: string, path: string, body?: unknown, ifMatch?: string) =>
  portal.request(method, `/api/v1${path}`, { token, body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

type AuditEntry = { action: string; targetId: string | null; actorLogin: string | null; before: unknown; after: unknown };
async function auditEntries(action: string, targetId: string): Promise<AuditEntry[]> {
  const entries = (await get('/audit?limit=200')).json<{ items: AuditEntry[] }>().items;
  return entries.filter((entry) => entry.action === action && entry.targetId === targetId);
}

function leaveRequest(title = 'Antrag'): ApplicationDefinition {
  return ApplicationDefinition.parse({
    dataGroups: [
      {
        id: 'dg1',
        name: 'Anträge',
        tableName: 'leave_requests',
        fields: [
          { id: 'f_name', name: 'Name', type: 'text', required: true, maxLength: 120, choices: [] },
          { id: 'f_days', name: 'Tage', type: 'number', required: true, maxLength: null, choices: [] },
        ],
      },
    ],
    pages: [
      {
        id: 'p1',
        title,
        dataGroupId: 'dg1',
        controls: [
          { id: 'c1', kind: 'textfield', label: 'Name', fieldId: 'f_name', x: 0, y: 0, w: 6 },
          { id: 'c2', kind: 'number', label: 'Tage', fieldId: 'f_days', x: 6, y: 0, w: 6 },
        ],
      },
    ],
  });
}

beforeAll(async () => {
  portal = await startTestPortal();
  token = await portal.signInAdmin();
});

afterAll(async () => {
  await portal?.close();
});

describe('applications', () => {
  it('lists the seeded applications in name order, paged, and filters by name', async () => {
    const first = (await get('/applications?limit=3')).json<ApplicationPage>();
    expect(first.items.map((a) => a.name)).toEqual(['CRM', 'Fuhrpark', 'Ideenmanagement']);
    // The demo applications come published (version 1, portal/demo/applications.ts).
    expect(first.items[0]).toMatchObject({ publishedVersion: 1, publishedAt: expect.any(String) });
    const second = (await get(`/applications?limit=3&cursor=${first.nextCursor}`)).json<ApplicationPage>();
    expect(second.items.map((a) => a.name)).toEqual(['Urlaubsantrag', 'Wissensdatenbank']);
    expect(second.nextCursor).toBeNull();
    expect((await get('/applications?q=urlaub')).json<ApplicationPage>().items.map((a) => a.name)).toEqual(['Urlaubsantrag']);
  });

  it('needs a signed-in administrator', async () => {
    expect((await portal.request('GET', '/api/v1/applications')).status).toBe(401);
  });

  it('creates an application, audits it, and refuses a taken name (any case) and an empty one', async () => {
    const created = await send('POST', '/applications', { name: 'Reisekosten', description: 'Reisekosten abrechnen' });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toMatch(/^".+\.v1"$/);
    const { id } = created.json<{ id: string }>();
    expect(await auditEntries('application.create', id)).toEqual([expect.objectContaining({ actorLogin: 'admin', after: expect.objectContaining({ name: 'Reisekosten' }) })]);

    const taken = await send('POST', '/applications', { name: 'reisekosten' });
    expect(taken.status).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'application_name_taken' });
    expect((await send('POST', '/applications', { name: '  ' })).status).toBe(400);
  });

  it('answers 400 for a malformed id and 404 for an unknown application', async () => {
    expect((await get('/applications/not-a-uuid/definition')).status).toBe(400);
    const missing = await get('/applications/00000000-0000-4000-8000-00000000dead/definition');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'application_not_found' });
  });
});

describe('application definition', () => {
  let applicationId: string;

  beforeAll(async () => {
    applicationId = (await send('POST', '/applications', { name: 'Urlaub 2' })).json<{ id: string }>().id;
  });

  const path = () => `/applications/${applicationId}/definition`;

  it('is empty (version 0) with an ETag before the first publish', async () => {
    const response = await get(path());
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(`"definition.${applicationId}.v0"`);
    expect(response.json<ApplicationDefinitionDoc>()).toMatchObject({ version: 0, publishedBy: null, definition: { dataGroups: [], pages: [] } });
  });

  it('needs If-Match to publish (428)', async () => {
    const response = await send('PUT', path(), { definition: leaveRequest() });
    expect(response.status).toBe(428);
    expect(response.json()).toMatchObject({ code: 'if_match_required' });
  });

  it('refuses a definition that breaks the rules with 400 and the rule codes, and publishes nothing', async () => {
    const broken = leaveRequest();
    broken.pages[0]!.controls[1]!.fieldId = 'f_name';
    broken.pages[0]!.controls[1]!.x = 3;
    const response = await send('PUT', path(), { definition: broken }, `"definition.${applicationId}.v0"`);
    expect(response.status).toBe(400);
    const body = response.json<{ code: string; errors: Array<{ path: string; message: string }> }>();
    expect(body.code).toBe('definition_invalid');
    expect(body.errors.map((error) => error.message.split(':')[0])).toEqual(['control_type_mismatch', 'controls_overlap']);
    expect(body.errors[0]!.path).toBe('pages[0].controls[1].fieldId');
    expect((await get(path())).json<ApplicationDefinitionDoc>().version).toBe(0);
  });

  it('refuses a body that is not a definition (400), never a 500', async () => {
    const response = await send('PUT', path(), { definition: { dataGroups: 'nope' } }, '*');
    expect(response.status).toBe(400);
  });

  it('publishes version 1 and 2, records each in the history and audits before/after', async () => {
    const first = await send('PUT', path(), { definition: leaveRequest(), comment: 'Erste Fassung' }, `"definition.${applicationId}.v0"`);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe(`"definition.${applicationId}.v1"`);
    expect(first.json<ApplicationDefinitionDoc>()).toMatchObject({ version: 1, publishedBy: 'admin', definition: leaveRequest() });

    const second = await send('PUT', path(), { definition: leaveRequest('Antrag stellen') }, first.headers.etag as string);
    expect(second.status).toBe(200);
    expect(second.json<ApplicationDefinitionDoc>().version).toBe(2);

    const audit = await auditEntries('application_definition.publish', applicationId);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      before: { version: 1, definition: { pages: [{ title: 'Antrag' }] } },
      after: { version: 2, definition: { pages: [{ title: 'Antrag stellen' }] } },
    });
    const list = (await get('/applications?q=Urlaub 2')).json<ApplicationPage>();
    expect(list.items[0]).toMatchObject({ publishedVersion: 2 });
  });

  it('answers a stale If-Match with 412 carrying the current version and its ETag', async () => {
    const response = await send('PUT', path(), { definition: leaveRequest('Veraltet') }, `"definition.${applicationId}.v1"`);
    expect(response.status).toBe(412);
    expect(response.json()).toMatchObject({
      code: 'etag_mismatch',
      currentEtag: `"definition.${applicationId}.v2"`,
      current: { version: 2, definition: { pages: [{ title: 'Antrag stellen' }] } },
    });
  });

  it('does not accept another resource\'s ETag', async () => {
    const response = await send('PUT', path(), { definition: leaveRequest() }, `"${applicationId}.v2"`);
    expect(response.status).toBe(412);
  });

  it('lists published versions newest first, paged, and returns each one', async () => {
    const first = (await get(`${path()}/versions?limit=1`)).json<DefinitionVersionPage>();
    expect(first.items).toEqual([
      expect.objectContaining({ version: 2, publishedBy: 'admin', comment: '', counts: { dataGroups: 1, fields: 2, pages: 1, controls: 2 } }),
    ]);
    const second = (await get(`${path()}/versions?limit=1&cursor=${first.nextCursor}`)).json<DefinitionVersionPage>();
    expect(second.items.map((v) => [v.version, v.comment])).toEqual([[1, 'Erste Fassung']]);
    expect(second.nextCursor).toBeNull();

    const one = await get(`${path()}/versions/1`);
    expect(one.json()).toMatchObject({ version: 1, definition: leaveRequest() });
    expect((await get(`${path()}/versions/9`)).status).toBe(404);
    expect((await get(`${path()}/versions/0`)).status).toBe(400);
    expect((await get(`${path()}/versions?cursor=garbage`)).status).toBe(400);
  });

  it('serialises concurrent publishes on the same version: one wins, the other gets 412', async () => {
    const etag = (await get(path())).headers.etag as string;
    const results = await Promise.all([
      send('PUT', path(), { definition: leaveRequest('A') }, etag),
      send('PUT', path(), { definition: leaveRequest('B') }, etag),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
  });
});

describe('layouts', () => {
  let etag: string;
  let standard: Layout;

  it('always has the standard layout', async () => {
    const list = (await get('/layouts')).json<LayoutPage>();
    expect(list.items).toEqual([expect.objectContaining({ id: STANDARD_LAYOUT_ID, name: 'Standard', hasLogo: false })]);
    const response = await get(`/layouts/${STANDARD_LAYOUT_ID}`);
    etag = response.headers.etag as string;
    standard = response.json<Layout>();
    expect(etag).toBe(`"layout.${STANDARD_LAYOUT_ID}.v1"`);
    expect(standard).toMatchObject({ primaryColor: '#0b5394', logo: null, customCss: '' });
  });

  const content = (change: Partial<Layout> = {}) => {
    const { id: _id, updatedAt: _updatedAt, updatedBy: _updatedBy, ...rest } = { ...standard, ...change };
    return rest;
  };

  it('needs If-Match (428) and refuses broken CSS, colours and logos (400, nothing saved)', async () => {
    expect((await send('PUT', `/layouts/${STANDARD_LAYOUT_ID}`, content())).status).toBe(428);
    const broken = await send('PUT', `/layouts/${STANDARD_LAYOUT_ID}`, content({ customCss: '.a { color: red', primaryColor: 'blau' }), etag);
    expect(broken.status).toBe(400);
    expect(broken.json<{ errors: Array<{ path: string; message: string }> }>().errors.map((e) => [e.path, e.message.split(':')[0]])).toEqual([
      ['primaryColor', 'invalid_colour'],
      ['customCss', 'css_syntax_error'],
    ]);
    const script = Buffer.from('<svg onload="alert(1)"/>').toString('base64');
    const svg = await send('PUT', `/layouts/${STANDARD_LAYOUT_ID}`, content({ logo: { contentType: 'image/svg+xml', fileName: 'x.svg', dataBase64: script } }), etag);
    expect(svg.status).toBe(400);
    expect((await get(`/layouts/${STANDARD_LAYOUT_ID}`)).headers.etag).toBe(etag);
  });

  it('saves colours, logo and CSS, audits the logo by size only, and answers a stale ETag with 412', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]).toString('base64');
    const change = content({ primaryColor: '#7b2d26', customCss: '.portal-header { font-weight: 700 }', logo: { contentType: 'image/png', fileName: 'logo.png', dataBase64: png } });
    const saved = await send('PUT', `/layouts/${STANDARD_LAYOUT_ID}`, change, etag);
    expect(saved.status).toBe(200);
    expect(saved.headers.etag).toBe(`"layout.${STANDARD_LAYOUT_ID}.v2"`);
    expect(saved.json<Layout>()).toMatchObject({ primaryColor: '#7b2d26', updatedBy: 'admin', logo: { fileName: 'logo.png' } });

    const [audit] = await auditEntries('layout.update', STANDARD_LAYOUT_ID);
    expect(audit).toMatchObject({ before: { primaryColor: '#0b5394', logo: null }, after: { primaryColor: '#7b2d26', logo: { bytes: 108 } } });
    expect(JSON.stringify(audit)).not.toContain(png);

    const stale = await send('PUT', `/layouts/${STANDARD_LAYOUT_ID}`, content({ primaryColor: '#000000' }), etag);
    expect(stale.status).toBe(412);
    expect(stale.json()).toMatchObject({ currentEtag: `"layout.${STANDARD_LAYOUT_ID}.v2"`, current: { primaryColor: '#7b2d26' } });
  });

  it('creates layouts with unique names and 404s unknown ones', async () => {
    const created = await send('POST', '/layouts', { name: 'Intranet dunkel' });
    expect(created.status).toBe(201);
    const layout = created.json<Layout>();
    expect((await send('POST', '/layouts', { name: 'intranet DUNKEL' })).status).toBe(409);
    const renamed = await send('PUT', `/layouts/${layout.id}`, { ...content(), name: 'standard' }, created.headers.etag as string);
    expect(renamed.status).toBe(409);
    expect((await get('/layouts/00000000-0000-4000-8000-00000000dead')).status).toBe(404);
  });
});
