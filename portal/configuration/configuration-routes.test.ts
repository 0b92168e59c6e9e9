import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildConfigurationFile,
  parseConfigurationFile,
  serializeConfigurationFile,
  type ConfigurationChange,
  type PortalConfiguration,
  type SectionDiff,
} from '../../common/domain/portal-configuration';
import type { ConfigurationImportPreview } from '../../common/portal-api/configuration';
import { users } from '../db/schema';
import { startTestPortal, type TestPortal, type TestResponse } from '../test-support';

/**
 * Two reference portals: A is changed in every section, exported, and imported into B through preview and
 * apply. Each test starts from B as it is after the previous one; the round trip comes last but one.
 */

interface Signed {
  portal: TestPortal;
  token: string;
  api(method: string, path: string, options?: { body?: unknown; ifMatch?: string }): Promise<TestResponse>;
}

async function signedIn(): Promise<Signed> {
  const portal = await startTestPortal();
  const token = await portal.signInAdmin();
  return {
    portal,
    token,
    api: (method, path, options = {}) =>
      portal.request(method, `/api/v1${path}`, {
        token,
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(options.ifMatch === undefined ? {} : { headers: { 'if-match': options.ifMatch } }),
      }),
  };
}

let a: Signed;
let b: Signed;

async function ok(response: Promise<TestResponse>, status = 200): Promise<TestResponse> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 400)}`);
  return answer;
}

async function put(portal: Signed, path: string, change: (current: never) => unknown): Promise<void> {
  const current = await ok(portal.api('GET', path));
  await ok(portal.api('PUT', path, { body: change(current.json() as never), ifMatch: String(current.headers.etag) }));
}

async function groupId(portal: Signed, name: string): Promise<string> {
  const page = (await ok(portal.api('GET', `/principals?kind=group&q=${encodeURIComponent(name)}&limit=50`))).json<{ items: { id: string; name: string }[] }>();
  const found = page.items.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no group ${name}`);
  return found.id;
}

/** Changes portal A in every section of the file. */
async function changeEverySection(portal: Signed): Promise<void> {
  await put(portal, '/security-policy', (policy: { password: object; lockout: object }) => ({
    ...(policy as object),
    preset: 'custom',
    password: { ...policy.password, minLength: 14, expiryDays: 180 },
    lockout: { ...policy.lockout, maxFailures: 5, minutes: 45 },
  }));
  await put(portal, '/function-permissions', (matrix: { functions: { function: string }[] }) => ({
    functions: matrix.functions.map((f) => (f.function === 'news' ? { ...f, members: 'admins_only' } : f)),
  }));
  const settings = await ok(portal.api('GET', '/updates/settings'));
  await ok(portal.api('PUT', '/updates/settings/track', { body: { track: 'steady' }, ifMatch: String(settings.headers.etag) }));

  const layout = (await ok(portal.api('POST', '/layouts', { body: { name: 'Intranet Nord' } }), 201)).json<{ id: string }>();
  await put(portal, `/layouts/${layout.id}`, (current: object) => ({ ...current, primaryColor: '#5c2d91', customCss: '.header { font-weight: 600; }' }));

  await ok(portal.api('POST', '/principals', { body: { kind: 'group', name: 'Reiseplanung', description: '' } }), 201);
  const app = (await ok(portal.api('POST', '/applications', { body: { name: 'Reisekosten', description: 'Belege und Erstattung' } }), 201)).json<{ id: string }>();
  const definition = {
    dataGroups: [{ id: 'belege', name: 'Belege', tableName: 'belege', fields: [{ id: 'betrag', name: 'Betrag', type: 'number', required: true, maxLength: null, choices: [] }] }],
    pages: [{ id: 'erfassen', title: 'Erfassen', dataGroupId: 'belege', controls: [{ id: 'c1', kind: 'number', label: 'Betrag', fieldId: 'betrag', x: 0, y: 0, w: 6 }] }],
  };
  const draft = await ok(portal.api('GET', `/applications/${app.id}/definition`));
  await ok(portal.api('PUT', `/applications/${app.id}/definition`, { body: { definition, comment: 'erste Fassung' }, ifMatch: String(draft.headers.etag) }));
  const rights = await ok(portal.api('GET', `/applications/${app.id}/rights`));
  await ok(
    portal.api('PUT', `/applications/${app.id}/rights`, {
      body: { defaultLevel: 'read', entries: [{ principalId: await groupId(portal, 'Reiseplanung'), level: 'manage' }] },
      ifMatch: String(rights.headers.etag),
    }),
  );

  const root = (await ok(portal.api('POST', '/org-units', { body: { parentId: null, kind: 'container', name: 'Zentrale Nord', description: 'Hamburg' } }), 201)).json<{ id: string }>();
  await ok(portal.api('POST', '/org-units', { body: { parentId: root.id, kind: 'org_unit', name: 'Reisestelle', description: '' } }), 201);
}

async function exportText(portal: Signed): Promise<{ text: string; response: TestResponse }> {
  const response = await ok(portal.api('GET', '/configuration/export'));
  return { text: response.text, response };
}

async function configurationOf(portal: Signed): Promise<PortalConfiguration> {
  const parsed = parseConfigurationFile((await exportText(portal)).text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.file.configuration;
}

const everyChange = (sections: readonly SectionDiff[]) => sections.flatMap((section) => section.changes.map((change) => ({ section: change.section, key: change.key })));

/** What an administrator comparing two portals in the console sees: every section's GET, ids and ETags aside. */
async function settingsSeenThroughGets(portal: Signed) {
  const policy = (await ok(portal.api('GET', '/security-policy'))).json<unknown>();
  const functions = (await ok(portal.api('GET', '/function-permissions'))).json<unknown>();
  const track = (await ok(portal.api('GET', '/updates/settings'))).json<{ track: string }>().track;
  const layoutPage = (await ok(portal.api('GET', '/layouts?limit=200'))).json<{ items: { id: string }[] }>();
  const layouts = await Promise.all(
    layoutPage.items.map(async (item) => {
      const { id: _id, updatedAt: _at, updatedBy: _by, ...content } = (await ok(portal.api('GET', `/layouts/${item.id}`))).json<Record<string, unknown>>();
      return content;
    }),
  );
  const appPage = (await ok(portal.api('GET', '/applications?limit=200'))).json<{ items: { id: string; name: string; description: string }[] }>();
  const applications = await Promise.all(
    appPage.items.map(async (item) => {
      const definition = (await ok(portal.api('GET', `/applications/${item.id}/definition`))).json<{ definition: unknown }>().definition;
      const rights = (await ok(portal.api('GET', `/applications/${item.id}/rights`))).json<{ defaultLevel: string; entries: { principal: { kind: string; name: string }; level: string }[] }>();
      const entries = rights.entries.filter((e) => e.principal.kind !== 'user').map((e) => ({ kind: e.principal.kind, name: e.principal.name, level: e.level }));
      return { name: item.name, description: item.description, definition, defaultLevel: rights.defaultLevel, entries };
    }),
  );
  const units = (await ok(portal.api('GET', '/org-units'))).json<{ items: { value: { id: string; parentId: string | null; kind: string; name: string; description: string } }[] }>();
  const byId = new Map(units.items.map((item) => [item.value.id, item.value]));
  const pathOf = (id: string | null): string => (id === null ? '' : `${pathOf(byId.get(id)?.parentId ?? null)}/${byId.get(id)?.name}`);
  const orgUnits = units.items.map((item) => ({ path: pathOf(item.value.id), kind: item.value.kind, description: item.value.description })).sort((x, y) => x.path.localeCompare(y.path));
  return { policy, functions, track, layouts, applications, orgUnits };
}

async function auditActions(portal: Signed, action: string): Promise<number> {
  const page = (await ok(portal.api('GET', `/audit?action=${action}&limit=50`))).json<{ items: unknown[] }>();
  return page.items.length;
}

beforeAll(async () => {
  [a, b] = await Promise.all([signedIn(), signedIn()]);
  await changeEverySection(a);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.portal.close(), b?.portal.close()]);
});

describe('configuration transfer between two portals', () => {
  it('exports one file named after the portal and the day, with a checksum that holds', async () => {
    const { text, response } = await exportText(a);
    expect(String(response.headers['content-disposition'])).toMatch(/^attachment; filename="[a-z0-9-]+-configuration-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(String(response.headers['content-type'])).toContain('application/json');
    const parsed = parseConfigurationFile(text);
    expect(parsed.ok).toBe(true);
  });

  it('needs every area the file covers: an administrator with only the security and users areas gets 403 naming the first one missing', async () => {
    const id = await b.portal.addUser({ login: 'nur.sicherheit', password: 'Sicher-Heit-2026-x', isAdmin: true });
    await b.portal.portal.db.update(users).set({ adminAreas: ['security', 'users'] }).where(eq(users.id, id));
    const token = await b.portal.signInAdmin('nur.sicherheit', 'Sicher-Heit-2026-x');
    for (const [method, path] of [['GET', '/configuration/export'], ['POST', '/configuration/import/preview']] as const) {
      const refused = await b.portal.request(method, `/api/v1${path}`, { token, ...(method === 'POST' ? { body: { file: '{}' } } : {}) });
      expect(refused.status, path).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'missing_admin_right', missingRight: 'rights' });
    }
  });

  it('refuses a file of a newer schema and a file with one altered byte, and changes nothing', async () => {
    const before = await configurationOf(b);
    const { text } = await exportText(a);
    const newer = await b.api('POST', '/configuration/import/preview', { body: { file: text.replace('"schemaVersion": 1', '"schemaVersion": 7') } });
    expect(newer.status).toBe(422);
    expect(newer.json()).toMatchObject({ code: 'configuration_newer_schema', detail: 'The file was made by a newer console/portal: schema 7, this supports 1.' });

    const at = text.indexOf('"minLength": 14') + '"minLength": 1'.length;
    const altered = `${text.slice(0, at)}2${text.slice(at + 1)}`;
    for (const path of ['/configuration/import/preview', '/configuration/import/apply']) {
      const answer = await b.api('POST', path, { body: { file: altered, selection: [] }, ifMatch: '*' });
      expect(answer.status, path).toBe(422);
      expect(answer.json().code).toBe('configuration_checksum_mismatch');
    }
    const cut = await b.api('POST', '/configuration/import/preview', { body: { file: text.slice(0, 2000) } });
    expect(cut.json()).toMatchObject({ code: 'configuration_not_json' });
    expect(await configurationOf(b)).toEqual(before);
    expect(await auditActions(b, 'configuration.import')).toBe(0);
  });

  it('names the group the target lacks; apply is refused until it is mapped or skipped, and no group is created', async () => {
    const { text } = await exportText(a);
    const preview = (await ok(b.api('POST', '/configuration/import/preview', { body: { file: text } }))).json<ConfigurationImportPreview>();
    expect(preview.unmappedPrincipals).toEqual([{ kind: 'group', name: 'Reiseplanung' }]);
    const refused = await b.api('POST', '/configuration/import/apply', { body: { file: text, selection: everyChange(preview.sections) }, ifMatch: preview.etag });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'unmapped_principals' });
    expect((await b.api('GET', '/principals?kind=group&q=Reiseplanung')).json().items).toEqual([]);
  });

  it('a failure part-way (a constraint the database enforces) leaves the target exactly as it was', async () => {
    const before = await settingsSeenThroughGets(b);
    // The layouts are written after the policy, the function permissions and the track: those were already changed in the transaction.
    await b.portal.portal.db.execute(sql.raw(`alter table layouts add constraint test_no_purple check (primary_color <> '#5c2d91')`));
    try {
      const { text } = await exportText(a);
      const mapping = [{ from: { kind: 'group', name: 'Reiseplanung' }, to: null }];
      const preview = (await ok(b.api('POST', '/configuration/import/preview', { body: { file: text, mapping } }))).json<ConfigurationImportPreview>();
      const failed = await b.api('POST', '/configuration/import/apply', { body: { file: text, mapping, selection: everyChange(preview.sections) }, ifMatch: preview.etag });
      expect(failed.status).toBe(400);
      expect(failed.json()).toMatchObject({ code: 'constraint_violation' });
      expect(await settingsSeenThroughGets(b)).toEqual(before);
      expect(await auditActions(b, 'configuration.import')).toBe(0);
    } finally {
      await b.portal.portal.db.execute(sql.raw('alter table layouts drop constraint test_no_purple'));
    }
  });

  it('refuses with 412 when the target changed after the preview', async () => {
    const { text } = await exportText(a);
    const mapping = [{ from: { kind: 'group', name: 'Reiseplanung' }, to: null }];
    const preview = (await ok(b.api('POST', '/configuration/import/preview', { body: { file: text, mapping } }))).json<ConfigurationImportPreview>();
    await ok(b.api('POST', '/org-units', { body: { parentId: null, kind: 'container', name: 'Dazwischen', description: '' } }), 201);
    const stale = await b.api('POST', '/configuration/import/apply', { body: { file: text, mapping, selection: everyChange(preview.sections) }, ifMatch: preview.etag });
    expect(stale.status).toBe(412);
    const missing = await b.api('POST', '/configuration/import/apply', { body: { file: text, mapping, selection: [] } });
    expect(missing.status).toBe(428);
  });

  it('export -> preview -> apply everything gives B the settings of A, section by section', async () => {
    await ok(b.api('POST', '/principals', { body: { kind: 'group', name: 'Reiseplanung', description: 'in B angelegt' } }), 201);
    const { text } = await exportText(a);
    const response = await ok(b.api('POST', '/configuration/import/preview', { body: { file: text } }));
    const preview = response.json<ConfigurationImportPreview>();
    expect(preview.unmappedPrincipals).toEqual([]);
    expect(response.headers.etag).toBe(preview.etag);
    const changed = (section: string) => preview.sections.find((s) => s.section === section)?.changes ?? [];
    expect(changed('securityPolicy')[0]?.fields).toEqual(expect.arrayContaining(['password.minLength', 'lockout.maxFailures', 'preset']));
    expect(changed('functionPermissions').map((c: ConfigurationChange) => c.key)).toEqual(['news']);
    expect(changed('applications').map((c) => [c.label, c.kind])).toContainEqual(['Reisekosten', 'created']);
    expect(changed('orgUnits').map((c) => [c.label, c.kind])).toEqual(expect.arrayContaining([['Zentrale Nord / Reisestelle', 'created'], ['Dazwischen', 'removed']]));

    const applied = await ok(b.api('POST', '/configuration/import/apply', { body: { file: text, selection: everyChange(preview.sections) }, ifMatch: preview.etag }));
    expect(applied.json()).toMatchObject({ total: everyChange(preview.sections).length, skippedRightsEntries: 0 });

    expect(await settingsSeenThroughGets(b)).toEqual(await settingsSeenThroughGets(a));
    expect(await configurationOf(b)).toEqual(await configurationOf(a));
    const again = (await ok(b.api('POST', '/configuration/import/preview', { body: { file: text } }))).json<ConfigurationImportPreview>();
    expect(everyChange(again.sections)).toEqual([]);
    expect(await auditActions(b, 'configuration.import')).toBe(1);
  });

  it('applies only what was ticked', async () => {
    const config = await configurationOf(b);
    const file = buildConfigurationFile({
      exportedAt: '2026-12-05T03:00:00.000Z',
      source: { portalName: 'Hand', portalVersion: '1' },
      configuration: { ...config, updates: { track: 'silent' }, layouts: [...config.layouts, { name: 'Nur Vorschau', primaryColor: '#0b5394', accentColor: '#1864ab', logo: null, customCss: '' }] },
    });
    const text = serializeConfigurationFile(file);
    const preview = (await ok(b.api('POST', '/configuration/import/preview', { body: { file: text } }))).json<ConfigurationImportPreview>();
    expect(everyChange(preview.sections)).toEqual([
      { section: 'updates', key: 'track' },
      { section: 'layouts', key: 'nur vorschau' },
    ]);
    await ok(b.api('POST', '/configuration/import/apply', { body: { file: text, selection: [{ section: 'layouts', key: 'nur vorschau' }] }, ifMatch: preview.etag }));
    const after = await configurationOf(b);
    expect(after.updates.track).toBe('steady');
    expect(after.layouts.map((l) => l.name)).toContain('Nur Vorschau');
  });

  it('never changes application data on its own: a field holding data retyped by the file is refused and nothing changes', async () => {
    const config = await configurationOf(b);
    const crm = config.applications.find((app) => app.name === 'CRM')!;
    const firmen = crm.definition.dataGroups.find((group) => group.id === 'dg_firmen')!;
    // Company names are no e-mail addresses: as e-mail they would be cleared.
    const retyped = firmen.fields.find((field) => field.type === 'text' && field.pattern === null && field.defaultValue === null)!;
    const definition = {
      ...crm.definition,
      dataGroups: crm.definition.dataGroups.map((group) =>
        group === firmen ? { ...group, fields: group.fields.map((field) => (field === retyped ? { ...field, type: 'email' as const } : field)) } : group,
      ),
    };
    const applications = config.applications.map((app) => (app === crm ? { ...app, definition } : app));
    const text = serializeConfigurationFile(
      buildConfigurationFile({ exportedAt: '2026-12-05T03:00:00.000Z', source: { portalName: 'Hand', portalVersion: '1' }, configuration: { ...config, applications } }),
    );
    const preview = (await ok(b.api('POST', '/configuration/import/preview', { body: { file: text } }))).json<ConfigurationImportPreview>();
    const refused = await b.api('POST', '/configuration/import/apply', { body: { file: text, selection: everyChange(preview.sections) }, ifMatch: preview.etag });
    expect(refused.status, refused.text.slice(0, 300)).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'data_loss_unconfirmed', dataImpact: [expect.objectContaining({ kind: 'fieldRetyped', fieldName: retyped.name })] });
    expect((await configurationOf(b)).applications.find((app) => app.name === 'CRM')!.definition).toEqual(crm.definition);
  });
});
