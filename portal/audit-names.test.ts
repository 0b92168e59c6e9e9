import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../common/portal-api/audit';
import { nameInSnapshot } from './audit-names';
import { sharedSignedInPortal } from './test-support';

const shared = sharedSignedInPortal();

async function latest(action: string): Promise<AuditEntry> {
  const page = (await shared.api('GET', `/audit?action=${action}&limit=1`)).json<{ items: AuditEntry[] }>();
  return page.items[0]!;
}

describe('audit entries read with names', () => {
  it('names the actor and the target, and keeps the target’s name once it is deleted', async () => {
    const body = { login: 'names.erika', displayName: 'Erika Namen', email: null, language: 'de', enabled: true, isAdmin: false, groupIds: [], password: { mode: 'none' } };
    expect((await shared.api('POST', '/users', { body })).status).toBe(201);
    const created = await latest('user.create');
    const admin = (await shared.api('GET', `/users/${created.actorId}`)).json<{ displayName: string }>();
    expect(created).toMatchObject({ actorName: admin.displayName, targetName: 'Erika Namen' });

    const current = await shared.api('GET', `/users/${created.targetId}`);
    expect((await shared.api('DELETE', `/users/${created.targetId}`, { ifMatch: String(current.headers.etag) })).status).toBe(204);
    expect(await latest('user.delete')).toMatchObject({ targetId: created.targetId, targetName: 'Erika Namen' });
    expect((await latest('user.create')).targetName).toBe('Erika Namen');
  });

  it.each([
    [{ displayName: 'Erika', login: 'e' }, 'Erika'],
    [{ name: 'Vertrieb' }, 'Vertrieb'],
    [{ subject: 'Login kaputt' }, 'Login kaputt'],
    [{ displayName: '  ', login: 'erika' }, 'erika'],
    [[{ name: 'x' }], null],
    [null, null],
  ])('names a snapshot %j as %j', (snapshot, expected) => {
    expect(nameInSnapshot(snapshot)).toBe(expected);
  });
});
