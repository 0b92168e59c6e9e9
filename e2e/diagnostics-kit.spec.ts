import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { Agent, request } from 'undici';
import { DEMO_ADMIN, signIn, type RunningConsole, closeSignedInArea, openSignedInArea } from './support/console';
import { tempDir } from './support/processes';

// The support engineer's kit: a backup downloaded through the console, restored from the history and from the
// downloaded file (the portal name typed to confirm), a damaged copy refused with the data untouched.

test.describe.configure({ mode: 'serial' });

const LOGIN = 'kit.restore';
const PORTAL_NAME = 'Muster GmbH Portal';

let page: Page;
let running: RunningConsole;
let archivePath: string;

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'diagnostics', 'Diagnostics'));
});

test.afterAll(() => closeSignedInArea(page, running));

/** The embedded portal's REST API as the demo admin, straight (not through the console). */
async function portalApi() {
  const profiles = JSON.parse(await readFile(join(running.userDataDir, 'profiles.json'), 'utf8')) as unknown;
  const list = (Array.isArray(profiles) ? profiles : (profiles as { profiles: unknown[] }).profiles) as { url: string; embedded: boolean }[];
  const base = list.find((profile) => profile.embedded)!.url;
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, options: { token?: string; body?: unknown; ifMatch?: string } = {}) => {
    const response = await request(new URL(`/api/v1${path}`, base), {
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
    return { status: response.statusCode, etag: response.headers.etag as string, json: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
  };
  const { token } = (await call('POST', '/sessions', { body: DEMO_ADMIN })).json as { token: string };
  const userId = async () => {
    const found = (await call('GET', `/users?q=${LOGIN}&limit=5`, { token })).json as { items: { id: string; login: string }[] };
    return found.items.find((user) => user.login === LOGIN)?.id ?? null;
  };
  return {
    userId,
    createUser: async () => {
      const body = { login: LOGIN, displayName: 'Kit Restore', email: null, language: 'de', enabled: true, isAdmin: false, groupIds: [], password: { mode: 'none' } };
      expect((await call('POST', '/users', { token, body })).status).toBe(201);
    },
    deleteUser: async () => {
      const id = (await userId())!;
      const current = await call('GET', `/users/${id}`, { token });
      expect((await call('DELETE', `/users/${id}`, { token, ifMatch: current.etag })).status).toBe(204);
    },
    close: () => dispatcher.close(),
  };
}

async function openBackups() {
  await page.getByTestId('nav-diagnostics').click();
  await page.getByTestId('diagnostics-tab-backups').click();
  await expect(page.getByTestId('backups-table')).toBeVisible();
}

async function chooseFile(dialog: ReturnType<Page['getByTestId']>, path: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByTestId('restore-file').click()]);
  await chooser.setFiles(path);
}

async function confirmRestore(dialog: ReturnType<Page['getByTestId']>) {
  await dialog.getByTestId('restore-confirm').fill('Muster');
  await expect(dialog.getByTestId('restore-start')).toBeDisabled();
  await dialog.getByTestId('restore-confirm').fill(PORTAL_NAME);
  await dialog.getByTestId('restore-start').click();
}

test('backs up, downloads the archive as a streamed file, restores it from the history: the deleted user is back', async () => {
  const api = await portalApi();
  await api.createUser();
  await page.getByTestId('diagnostics-tab-backups').click();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-outcome')).toContainText('Backup finished');
  const newest = page.getByTestId('backups-table').getByTestId('backup-row').first();
  await expect(newest).toContainText(/backup-\d{8}T\d{6}Z-[0-9a-f]{8}\.jsonl\.gz/);

  const downloading = page.waitForEvent('download');
  await newest.getByTestId('backup-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.jsonl\.gz$/);
  archivePath = join(tempDir('e2e-archive'), download.suggestedFilename());
  await download.saveAs(archivePath);
  const lines = gunzipSync(await readFile(archivePath)).toString('utf8').trimEnd().split('\n');
  expect(lines[0]).toMatch(/^H\{"format":"portal-backup"/);
  expect(lines.some((line) => line.startsWith('R') && line.includes(`"login":"${LOGIN}"`))).toBe(true);

  await api.deleteUser();
  expect(await api.userId()).toBeNull();

  await newest.getByTestId('backup-restore').click();
  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog).toContainText('Every piece of data of this portal is replaced');
  await page.screenshot({ path: 'test-results/diagnostics-restore-dialog.png' });
  await confirmRestore(dialog);
  // Every session ended, the console's own too: back on the sign-in page, which says why.
  await expect(page.getByText('The backup was restored. The portal ended every session, this one too: sign in again.')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'test-results/diagnostics-restored-sign-in.png' });
  await api.close();

  const after = await portalApi();
  expect(await after.userId()).not.toBeNull();
  await after.close();
});

test('the audit trail reads the restore as a German sentence with names', async () => {
  await signIn(page);
  await page.getByTestId('nav-diagnostics').click();
  await page.getByTestId('diagnostics-tab-audit').click();
  await page.getByTestId('language-switcher').getByText('DE', { exact: true }).click();
  const restore = page.getByTestId('audit-table').locator('[data-action="backup.restore"]').first();
  await expect(restore).toContainText(/Administrator hat die Sicherung backup-\d{8}T\d{6}Z-[0-9a-f]{8}\.jsonl\.gz wiederhergestellt; alle Sitzungen wurden beendet/);
  await page.screenshot({ path: 'test-results/diagnostics-audit-sentence-de.png' });
  await page.getByTestId('language-switcher').getByText('EN', { exact: true }).click();
  await expect(restore).toContainText('Administrator restored the backup');
});

test('refuses a truncated archive with the data untouched, then restores the downloaded file', async () => {
  await openBackups();
  const api = await portalApi();
  await api.deleteUser();
  const truncated = join(tempDir('e2e-archive'), 'truncated.jsonl.gz');
  const bytes = await readFile(archivePath);
  await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.byteLength / 2)));

  await page.getByTestId('restore-from-file').click();
  const dialog = page.getByTestId('restore-dialog');
  await chooseFile(dialog, truncated);
  await confirmRestore(dialog);
  await expect(dialog.getByTestId('restore-refusal')).toContainText('The archive is damaged or not a portal backup');
  await page.screenshot({ path: 'test-results/diagnostics-restore-damaged.png' });
  expect(await api.userId()).toBeNull();

  await chooseFile(dialog, archivePath);
  await dialog.getByTestId('restore-start').click();
  await expect(page.getByText('The backup was restored. The portal ended every session, this one too: sign in again.')).toBeVisible({ timeout: 60_000 });
  await api.close();
  const after = await portalApi();
  expect(await after.userId()).not.toBeNull();
  await after.close();
});
