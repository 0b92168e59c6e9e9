import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerLogFollowPage } from '../../common/portal-api/log-follow';
import { startTestPortal, type TestPortal } from '../test-support';

let portal: TestPortal;
let token: string;

beforeAll(async () => {
  portal = await startTestPortal();
  token = await portal.signInAdmin();
});

afterAll(async () => {
  await portal?.close();
});

async function follow(query: string, on: TestPortal = portal, bearer = token): Promise<{ page: ServerLogFollowPage; ms: number; status: number }> {
  const started = performance.now();
  const response = await on.request('GET', `/api/v1/logs/follow?${query}`, { token: bearer });
  return { page: response.status === 200 ? (response.json() as ServerLogFollowPage) : ({} as ServerLogFollowPage), ms: performance.now() - started, status: response.status };
}

/** The newest sequence number, read without waiting. */
async function now(): Promise<number> {
  return (await follow('waitSeconds=0')).page.lastSeq;
}

const refusedSignIn = () => portal.request('POST', '/api/v1/sessions', { body: { login: 'nobody-here', password: 'not-the-password-1' } });

describe('GET /logs/follow', () => {
  it('answers at once with what was logged after the cursor, oldest first', async () => {
    const before = await now();
    await refusedSignIn();
    const { page, ms } = await follow(`after=${before}&contains=sign-in&waitSeconds=10`);
    expect(page.items.map((entry) => entry.message)).toEqual(['sign-in refused']);
    expect(page.items[0]!.seq).toBeGreaterThan(before);
    expect(page.more).toBe(false);
    expect(ms).toBeLessThan(5000); // not held: a held request would take the whole 10 s
  });

  it('holds the request until a matching line is logged, then answers within moments', async () => {
    const before = await now();
    const held = follow(`after=${before}&contains=sign-in%20refused&waitSeconds=10`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const loggedAt = performance.now();
    await refusedSignIn();
    const { page, ms } = await held;
    expect(page.items.map((entry) => entry.message)).toEqual(['sign-in refused']);
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(performance.now() - loggedAt).toBeLessThan(2000);
  });

  it('skips lines the filter leaves out and moves the cursor past them when the wait ends', async () => {
    const before = await now();
    const held = follow(`after=${before}&contains=no-line-says-this&waitSeconds=1`);
    await refusedSignIn();
    const { page, ms } = await held;
    expect(page.items).toEqual([]);
    expect(page.lastSeq).toBeGreaterThan(before);
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  it('does not log its own answers, so followers are not woken by each other', async () => {
    const before = await now();
    const first = await follow(`after=${before}&waitSeconds=1`);
    const second = await follow(`after=${first.page.lastSeq}&waitSeconds=1`);
    expect(first.page.items).toEqual([]);
    expect(second.page.items).toEqual([]);
    expect(second.ms).toBeGreaterThanOrEqual(900);
  });

  it('pages a burst: a full page says there is more', async () => {
    const before = await now();
    for (let index = 0; index < 3; index += 1) await refusedSignIn();
    const { page } = await follow(`after=${before}&contains=sign-in&limit=2&waitSeconds=0`);
    expect(page.items).toHaveLength(2);
    expect(page.more).toBe(true);
    const rest = await follow(`after=${page.lastSeq}&contains=sign-in&limit=2&waitSeconds=0`);
    expect(rest.page.items).toHaveLength(1);
  });

  it('continues from the newest line when the cursor lies beyond it (a portal restarted without a log file)', async () => {
    const newest = await now();
    const { page, ms } = await follow(`after=${newest + 1000}&waitSeconds=10`);
    expect(page).toEqual({ items: [], lastSeq: newest, more: false });
    expect(ms).toBeLessThan(5000); // not held: a held request would take the whole 10 s
  });

  it('tells where following from now begins when asked without a cursor', async () => {
    await refusedSignIn();
    const { page, ms } = await follow('waitSeconds=10');
    expect(page.items).toEqual([]);
    expect(page.lastSeq).toBe(await now());
    expect(ms).toBeLessThan(5000); // not held: a held request would take the whole 10 s
  });

  it.each([
    ['a negative cursor', 'after=-1'],
    ['a wait over 25 s', 'after=0&waitSeconds=26'],
    ['an unknown level', 'after=0&level=verbose'],
  ])('refuses %s with 400', async (_name, query) => {
    expect((await follow(query)).status).toBe(400);
  });

  it('needs an administrator session', async () => {
    expect((await follow('after=0&waitSeconds=0', portal, 'not-a-token')).status).toBe(401);
  });

  it('lets a stopping portal answer a held request instead of waiting it out', async () => {
    const other = await startTestPortal();
    const otherToken = await other.signInAdmin();
    const held = follow('after=999999999&waitSeconds=0', other, otherToken).then(async ({ page }) => follow(`after=${page.lastSeq}&waitSeconds=20`, other, otherToken));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const closing = performance.now();
    await other.portal.close();
    const closeMs = performance.now() - closing;
    const answered = await held;
    await other.close();
    expect(answered.status).toBe(200);
    expect(answered.page.items).toEqual([]);
    expect(closeMs).toBeLessThan(3000);
  }, 60_000);
});
