import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { users } from './db/schema';
import { startPortal } from './server';
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

describe('a start that fails', () => {
  it('on its certificate closes the database it opened beside it, and the folder starts cleanly next time', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'portal-data-'));
    const queried = vi.spyOn(PGlite.prototype, 'query');
    const executed = vi.spyOn(PGlite.prototype, 'exec');
    try {
      await expect(startPortal({ dataDir: folder, demo: true, port: 0, certFile: join(folder, 'missing.pem') })).rejects.toThrow(/together/);
      const opened = new Set<PGlite>([...queried.mock.contexts, ...executed.mock.contexts] as PGlite[]);
      expect(opened.size).toBeGreaterThan(0);
      expect([...opened].map((client) => client.closed)).toEqual([...opened].map(() => true));
      const portal = await startPortal({ dataDir: folder, demo: true, port: 0 });
      await portal.close();
    } finally {
      queried.mockRestore();
      executed.mockRestore();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
