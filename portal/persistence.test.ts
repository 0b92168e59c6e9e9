import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from './db/schema';
import { startTestPortal } from './test-support';

let dataDir: string | undefined;
afterAll(async () => {
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

describe('data folder', () => {
  it('keeps users, sessions and the certificate pin across restarts, and seeds only once', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portal-data-'));
    const first = await startTestPortal({ dataDir, memory: false, demo: true });
    const token = await first.signInAdmin();
    await first.addUser({ login: 'bleibt.hier', password: 'Richtig-123', isAdmin: true });
    const before = await first.portal.db.select({ id: users.id, login: users.login }).from(users).orderBy(asc(users.login));
    const firstSpki = first.spki;
    await first.close();

    expect((await stat(join(dataDir, 'key.pem'))).mode & 0o777).toBe(0o600);

    const second = await startTestPortal({ dataDir, memory: false, demo: true });
    try {
      expect(second.spki).toBe(firstSpki);
      const after = await second.portal.db.select({ id: users.id, login: users.login }).from(users).orderBy(asc(users.login));
      expect(after).toEqual(before);
      expect((await second.request('GET', '/api/v1/portal', { token })).status).toBe(200);
      expect(await second.signInAdmin('bleibt.hier', 'Richtig-123')).toEqual(expect.any(String));
    } finally {
      await second.close();
    }
  });
});
