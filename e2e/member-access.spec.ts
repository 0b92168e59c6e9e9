import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Agent, request } from 'undici';
import { DEMO_ADMIN, type RunningConsole, closeSignedInArea, openSignedInArea } from './support/console';

/**
 * Issue 13: a setting the administrator changes in the console governs the portal's member side at the next call. The
 * security sheet: "Gäste können nur dann auf Ihre Site zugreifen, wenn Sie dies explizit zulassen."
 */
test.describe.configure({ mode: 'serial' });

const SHOTS = '.tmp/screens/member-access';
let page: Page;
let running: RunningConsole;
let dispatcher: Agent;
let base: string;

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'users', 'Users'));
  const profiles = JSON.parse(await readFile(join(running.userDataDir, 'profiles.json'), 'utf8')) as unknown;
  const list = (Array.isArray(profiles) ? profiles : (profiles as { profiles: unknown[] }).profiles) as { url: string; embedded: boolean }[];
  base = list.find((profile) => profile.embedded)!.url;
  // The embedded portal's certificate is self-signed; the console pins it, this test client does not check it.
  dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
});

test.afterAll(async () => {
  await dispatcher?.close();
  await closeSignedInArea(page, running);
});

async function call(method: 'GET' | 'POST' | 'PUT', path: string, options: { token?: string; body?: unknown; ifMatch?: string } = {}) {
  const response = await request(new URL(path, base), {
    method,
    dispatcher,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.ifMatch ? { 'if-match': options.ifMatch } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, etag: response.headers.etag as string, contentType: String(response.headers['content-type']), json: JSON.parse(text) as Record<string, unknown> };
}

/** A guest: the member API without any session. */
const guestReadsNews = () => call('GET', '/member/api/v1/functions/news/items');

async function setGuestAccess(enabled: boolean) {
  await page.getByTestId('users-tab-policy').click();
  const policy = page.getByTestId('security-policy');
  const guests = policy.getByRole('switch', { name: 'Allow guest access' });
  if (enabled) await guests.check({ force: true });
  else await guests.uncheck({ force: true });
  await policy.getByTestId('policy-save').click();
  await expect(policy.getByTestId('policy-status')).toHaveText('Saved');
}

test('guests read the news while the console allows guest access, are refused once it forbids them, and read again after', async () => {
  // Guests may read news ("Gäste können abrufen"), set by another administrator straight on the admin API.
  const admin = (await call('POST', '/api/v1/sessions', { body: DEMO_ADMIN })).json as { token: string };
  const permissions = await call('GET', '/api/v1/function-permissions', { token: admin.token });
  const functions = (permissions.json.functions as Array<{ function: string; guests: string }>).map((f) => (f.function === 'news' ? { ...f, guests: 'read' } : f));
  expect((await call('PUT', '/api/v1/function-permissions', { token: admin.token, body: { functions }, ifMatch: permissions.etag })).status).toBe(200);

  await setGuestAccess(true);
  const allowed = await guestReadsNews();
  expect(allowed.status).toBe(200);
  expect((allowed.json.items as Array<{ title: string }>).map((item) => item.title)).toContain('Betriebsausflug');

  await setGuestAccess(false);
  await page.screenshot({ path: `${SHOTS}/guests-forbidden.png`, fullPage: true });
  const refused = await guestReadsNews();
  expect(refused.status).toBe(403);
  expect(refused.contentType).toMatch(/^application\/problem\+json/);
  expect(refused.json).toMatchObject({ code: 'function_not_readable' });
  expect((await call('GET', '/member/api/v1/access')).json).toMatchObject({ caller: 'outsider' });

  await setGuestAccess(true);
  expect((await guestReadsNews()).status).toBe(200);
  expect((await call('GET', '/member/api/v1/access')).json).toMatchObject({ caller: 'guest' });
});
