import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberApplicationList, MemberLaunch } from '../../common/portal-api/member';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { memberHarness, type TestCaller } from './member-test-support';

/**
 * Launching applications on the member side: the application rights the console edits decide for members ("Genehmigungen
 * lassen sich für einzelne Mitglieder oder ganze Gruppen einstellen"; "Alle anderen Web Office-Mitglieder erhalten die
 * Zugriffsstufe, die unter "--Alle anderen Mitglieder--" festgelegt ist."); guests only where an administrator opened the
 * application to them ("Klicken Sie auf Anpassen, und geben Sie die Bereiche im Web Office an, auf die die Gäste
 * zugreifen können."); outsiders never. A launch answers the published definition or 403.
 */
const h = memberHarness();
let appId: string;
let memberId: string;
const APP_NAME = 'Mitglieder-App';

const definition = {
  dataGroups: [{ id: 'dg1', name: 'Einträge', tableName: 'entries', fields: [{ id: 'f1', name: 'Titel', type: 'text', required: true, maxLength: 120, choices: [] }] }],
  pages: [{ id: 'p1', title: 'Start', dataGroupId: 'dg1', controls: [{ id: 'c1', kind: 'textfield', label: 'Titel', fieldId: 'f1', x: 0, y: 0, w: 12 }] }],
};

async function setRights(defaultLevel: string, entries: Array<{ principalId: string; level: string }>): Promise<void> {
  const current = await h.shared.api('GET', `/applications/${appId}/rights`);
  const saved = await h.shared.api('PUT', `/applications/${appId}/rights`, { body: { defaultLevel, entries }, ifMatch: String(current.headers.etag) });
  if (saved.status !== 200) throw new Error(`rights: ${saved.status} ${saved.text}`);
}

const launch = (caller: TestCaller) => h.as(caller, 'POST', `/applications/${appId}/launch`);

beforeAll(async () => {
  await h.resetPolicy();
  appId = (await h.shared.api('POST', '/applications', { body: { name: APP_NAME, description: 'Test' } })).json<{ id: string }>().id;
  memberId = (await h.as('member', 'GET', '/access')).json<{ member: { id: string } }>().member.id;
});

describe('launching an application', () => {
  it('an application without a published version is not launched (404), whatever the right', async () => {
    await setRights('read', []);
    const response = await launch('member');
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ code: 'application_not_published' });
    const current = await h.shared.api('GET', `/applications/${appId}/definition`);
    const published = await h.shared.api('PUT', `/applications/${appId}/definition`, { body: { definition }, ifMatch: String(current.headers.etag) });
    expect(published.status).toBe(200);
  });

  it('members by their effective right: the default for all other members, then an entry for the member', async () => {
    await setRights('read', []);
    const allowed = await launch('member');
    expect(allowed.status).toBe(200);
    expect(allowed.json<MemberLaunch>()).toMatchObject({ launch: { level: 'read', capabilities: { read: true, addOwn: false } }, definition: { version: 1, definition } });
    expect((await h.as('member', 'GET', '/applications')).json<MemberApplicationList>().items.map((a) => a.name)).toContain(APP_NAME);

    await setRights('none', []);
    expect((await launch('member')).status).toBe(403);
    expect((await h.as('member', 'GET', '/applications')).json<MemberApplicationList>().items.map((a) => a.name)).not.toContain(APP_NAME);

    await setRights('read', [{ principalId: memberId, level: 'none' }]);
    expect((await launch('member')).status).toBe(403);
    await setRights('none', [{ principalId: memberId, level: 'edit' }]);
    expect((await launch('member')).json<MemberLaunch>().launch).toMatchObject({ level: 'edit', capabilities: { editAll: true, manageRights: false } });
  });

  it('guests only where the application is among the areas open to guests, and only while guest access is on', async () => {
    const guests = (enabled: boolean, allowedAreas: string[]) => (p: SecurityPolicy): SecurityPolicy => ({ ...p, guests: { enabled, allowedAreas } });
    await setRights('manage', []);
    await h.setPolicy(guests(true, []));
    expect((await launch('anonymous')).status).toBe(403);
    await h.setPolicy(guests(true, [APP_NAME]));
    const byName = await launch('anonymous');
    expect(byName.status).toBe(200);
    expect(byName.json<MemberLaunch>().launch).toMatchObject({ level: 'read', capabilities: { read: true, addOwn: false } });
    await h.setPolicy(guests(true, [appId]));
    expect((await launch('anonymous')).status).toBe(200);
    expect((await h.as('anonymous', 'GET', '/applications')).json<MemberApplicationList>().items.map((a) => a.id)).toEqual([appId]);
    await h.setPolicy(guests(false, [appId]));
    expect((await launch('anonymous')).status).toBe(403);
    expect((await h.as('anonymous', 'GET', '/applications')).json<MemberApplicationList>().items).toEqual([]);
  });

  it('an administrator\'s admin-API session is an outsider: never launches', async () => {
    await setRights('manage', []);
    await h.setPolicy((p) => ({ ...p, guests: { enabled: true, allowedAreas: [APP_NAME] } }));
    const response = await launch('admin_session');
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ code: 'access_denied' });
  });
});
