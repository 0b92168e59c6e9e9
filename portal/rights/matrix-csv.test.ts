import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createEvaluator, effectiveMatrix } from '../../common/domain/access';
import { STREAM_FAILED_MARKER, streamFailure } from '../../common/portal-api/streams';
import type { PortalExecutor } from '../db/client';
import { users } from '../db/schema';
import { sharedSignedInPortal } from '../test-support';
import { csvField, matrixCsv, matrixCsvLines, readMatrixPrelude } from './access';
import { readAllApplicationRights } from './application-rights';
import { loadPrincipalGraph } from './graph';

const shared = sharedSignedInPortal();

/** The matrix as it was built before it streamed: every user, the whole graph and the whole matrix in memory at once. */
async function wholeMatrixInMemory(db: PortalExecutor): Promise<string> {
  const loaded = await loadPrincipalGraph(db, 'all');
  const allRights = await readAllApplicationRights(db);
  const userRows = await db.select({ id: users.id, login: users.login, displayName: users.displayName, enabled: users.enabled }).from(users).orderBy(asc(users.login));
  const matrix = effectiveMatrix(
    createEvaluator(loaded.graph),
    allRights.map((stored) => stored.rights),
    userRows.map((user) => user.id),
  );
  const header = ['login', 'name', 'enabled', ...allRights.map((stored) => stored.doc.applicationName)];
  let text = `\uFEFF${header.map(csvField).join(',')}\r\n`;
  userRows.forEach((user, userIndex) => {
    const levels = allRights.map((_, applicationIndex) => matrix.levelAt(userIndex, applicationIndex));
    text += `${[user.login, user.displayName, String(user.enabled)].map(csvField).join(',')},${levels.map(csvField).join(',')}\r\n`;
  });
  return text;
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of lines) chunks.push(chunk);
  return chunks;
}

/** The executor with its raw queries (one per page of users) counted, the `failAt`-th of them failing. */
function countedExecutor(db: PortalExecutor, failAt = Number.POSITIVE_INFINITY): { db: PortalExecutor; executed: () => number } {
  let executed = 0;
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'execute' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        executed += 1;
        if (executed >= failAt) return Promise.reject(new Error('connection lost'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: proxy, executed: () => executed };
}

async function userCount(db: PortalExecutor): Promise<number> {
  return (await db.$count(users)) as number;
}

describe('rights matrix CSV, streamed page by page', () => {
  it('gives the same bytes as the whole matrix built in memory, over the route and at any page size', async () => {
    const db = shared.portal.portal.db;
    // Logins that sort differently by case and by length, so page boundaries fall between them.
    for (const login of ['Zora.Gross', 'anna.b', 'anna.b2', 'ZZ.top', 'm.mueller']) await shared.portal.addUser({ login, password: 'Ein-langes-Passwort-2026' });
    const expected = await wholeMatrixInMemory(db);
    expect(expected.split('\r\n').length - 2).toBe(await userCount(db));

    const response = await shared.api('GET', '/rights/matrix.csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="rights-matrix.csv"');
    // The test client's text decoding drops the BOM; the pages below are compared with it.
    expect(response.text).toBe(expected.replace(/^\uFEFF/, ''));

    const prelude = await readMatrixPrelude(db);
    for (const batch of [1, 2, 7, 1_000]) expect((await collect(matrixCsvLines(db, prelude, batch))).join(''), `pages of ${batch}`).toBe(expected);
  });

  it('reads the next page only when the previous one was taken (one page in memory, rows arrive before the end)', async () => {
    const counted = countedExecutor(shared.portal.portal.db);
    const total = await userCount(shared.portal.portal.db);
    const lines = matrixCsvLines(counted.db, await readMatrixPrelude(shared.portal.portal.db), 3);
    expect((await lines.next()).value).toMatch(/^\uFEFFlogin,name,enabled,/);
    const firstPage = (await lines.next()).value as string;
    expect(firstPage.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(counted.executed()).toBe(1);
    await lines.next();
    expect(counted.executed()).toBe(2);
    const rest = await collect(lines);
    expect(rest.length).toBeGreaterThan(0);
    // The last page is the first one shorter than 3 (empty when the users divide evenly).
    expect(counted.executed()).toBe(Math.floor(total / 3) + 1);
  });

  it('ends with the failure marker when a page fails after rows were sent, and reports the cause', async () => {
    const counted = countedExecutor(shared.portal.portal.db, 2);
    const errors: unknown[] = [];
    const stream = matrixCsv(counted.db, await readMatrixPrelude(shared.portal.portal.db), (error) => errors.push(error), 3);
    const text = (await stream.toArray()).map((chunk: Buffer | string) => chunk.toString()).join('');
    expect(text.split('\r\n').filter((line) => !line.startsWith(STREAM_FAILED_MARKER) && line !== '')).toHaveLength(1 + 3);
    expect(streamFailure(text)).toMatch(/could not finish this export/);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('connection lost');
  });
});
