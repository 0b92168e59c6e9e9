import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPortal, type TestPortal, type TestResponse } from '../test-support';

/**
 * Concurrent moves of org units. PGlite runs one transaction at a time, so the race needs a real
 * PostgreSQL server: set PORTAL_TEST_DATABASE_URL (scripts/with-postgres.sh does) and this file makes
 * its own database there, next to the one given, and drops it afterwards.
 */
const serverUrl = process.env.PORTAL_TEST_DATABASE_URL;

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh database on the server of `url`; returns its URL and how to drop it. */
async function scratchDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `portal_org_units_${randomBytes(6).toString('hex')}`;
  await onServer(url, `create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return { url: own.toString(), drop: () => onServer(url, `drop database if exists ${name} with (force)`) };
}

interface Unit {
  etag: string;
  value: { id: string; parentId: string | null; name: string };
}

if (serverUrl === undefined) {
  console.info('portal/rights/org-unit-concurrency.test.ts runs on PGlite only: set PORTAL_TEST_DATABASE_URL to race on PostgreSQL');
}

const targets: { name: string; databaseUrl: string | undefined }[] = [
  { name: 'PGlite', databaseUrl: undefined },
  ...(serverUrl === undefined ? [] : [{ name: 'PostgreSQL', databaseUrl: serverUrl }]),
];

describe.each(targets)('concurrent org-unit moves on $name', ({ databaseUrl }) => {
  let portal: TestPortal;
  let token: string;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (databaseUrl === undefined) {
      // Named: PGlite even in the PostgreSQL run, which this file's own PostgreSQL target already covers.
      portal = await startTestPortal({ memory: true });
    } else {
      const scratch = await scratchDatabase(databaseUrl);
      dropDatabase = scratch.drop;
      portal = await startTestPortal({ databaseUrl: scratch.url, memory: false, demo: true });
    }
    token = await portal.signInAdmin();
  });

  afterAll(async () => {
    await portal?.close();
    await dropDatabase?.();
  });

  const api = (method: string, path: string, options: { body?: unknown; ifMatch?: string } = {}) =>
    portal.request(method, `/api/v1${path}`, {
      token,
      ...(options.body === undefined ? {} : { body: options.body }),
      ...(options.ifMatch === undefined ? {} : { headers: { 'if-match': options.ifMatch } }),
    });

  const tree = async () => (await api('GET', '/org-units')).json<{ items: Unit[] }>().items;

  async function createUnit(parentId: string | null, name: string): Promise<Unit> {
    const response = await api('POST', '/org-units', { body: { parentId, kind: 'org_unit', name } });
    expect(response.status).toBe(201);
    return { etag: String(response.headers.etag), value: response.json() };
  }

  const move = (unit: Unit, parent: Unit) => api('PATCH', `/org-units/${unit.value.id}`, { body: { parentId: parent.value.id }, ifMatch: unit.etag });

  /**
   * Exactly one of the two moves applies. The other is refused: as a cycle, or as based on a stale version
   * when the winner changed its unit (a new child). Never a server error. The tree still reaches every unit.
   */
  async function expectOneMove(responses: TestResponse[], unitCount: number): Promise<void> {
    const outcomes = responses.map((r) => `${r.status} ${r.json<{ code?: string }>().code ?? ''}`.trim()).sort();
    expect(outcomes[0]).toBe('200');
    expect(['409 org_unit_cycle', '412 etag_mismatch']).toContain(outcomes[1]);
    const units = await tree();
    expect(units).toHaveLength(unitCount);
    const reached = new Set<string | null>([null]);
    for (const unit of units) {
      expect(reached.has(unit.value.parentId)).toBe(true);
      reached.add(unit.value.id);
    }
  }

  it.each([1, 2, 3, 4, 5])('moves A under B and B under A at once: one wins (round %i)', async (round) => {
    const root = (await tree())[0] as Unit;
    const a = await createUnit(root.value.id, `Swap A${round}`);
    const b = await createUnit(root.value.id, `Swap B${round}`);
    const unitCount = (await tree()).length;
    await expectOneMove(await Promise.all([move(a, b), move(b, a)]), unitCount);
  });

  it.each([1, 2, 3, 4, 5])('moves A under B and B under a child of A at once: one wins (round %i)', async (round) => {
    const root = (await tree())[0] as Unit;
    const created = await createUnit(root.value.id, `Ring A${round}`);
    const child = await createUnit(created.value.id, `Ring A${round}.1`);
    const b = await createUnit(root.value.id, `Ring B${round}`);
    const units = await tree();
    const a = units.find((unit) => unit.value.id === created.value.id) as Unit;
    await expectOneMove(await Promise.all([move(a, b), move(b, child)]), units.length);
  });
});
