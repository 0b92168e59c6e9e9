import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { heldGate, startTestPortal, type TestPortal } from '../test-support';

/**
 * A search the console cancelled must not reach the database: on PGlite's one connection it would hold up the
 * search that replaced it. The database is held busy (an open transaction) while the client goes.
 */
let portal: TestPortal;
let token: string;
const agent = new Agent({ connect: { rejectUnauthorized: false } });

beforeAll(async () => {
  portal = await startTestPortal();
  token = await portal.signInAdmin();
});

afterAll(async () => {
  await agent.close();
  await portal?.close();
});

function search(q: string, signal?: AbortSignal) {
  return request(new URL(`/api/v1/users?q=${q}&limit=100`, portal.url), { headers: { authorization: `Bearer ${token}` }, dispatcher: agent, signal });
}

describe('GET /users for a client that has gone', () => {
  // The hold is an open transaction, which stops every other query only on PGlite's single connection; a
  // PostgreSQL pool answers the route on another connection at once, so there the client would go too late.
  it.skipIf(process.env.PORTAL_TEST_DATABASE_URL !== undefined)('runs no page or count query once the client closed the connection', async () => {
    const db = portal.portal.db;
    const select = db.select.bind(db);
    const busy = heldGate();
    let holding: Promise<void> | undefined;
    const afterPolicy: string[] = [];
    // The route's first query (the security policy) starts the hold: everything after it waits for the database.
    const selects = vi.spyOn(db, 'select').mockImplementation(((...args: Parameters<typeof db.select>) => {
      const stack = String(new Error().stack);
      if (holding !== undefined) afterPolicy.push(stack.split('\n')[2] ?? '');
      else if (stack.includes('readSecurityPolicy')) holding = db.transaction(async () => busy.hook());
      return select(...args);
    }) as typeof db.select);
    const controller = new AbortController();
    const gone = search('mü', controller.signal).catch(() => 'aborted');
    await busy.reached;
    controller.abort();
    expect(await gone).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    busy.open();
    await holding;
    await new Promise((resolve) => setTimeout(resolve, 200));
    selects.mockRestore();
    expect(afterPolicy).toEqual([]);
  });

  it('still answers a client that waits', async () => {
    const response = await search('admin');
    expect(response.statusCode).toBe(200);
    const page = (await response.body.json()) as { items: { login: string }[]; total: number };
    expect(page.items.map((user) => user.login)).toContain('admin');
    expect(page.total).toBeGreaterThanOrEqual(1);
  });
});
