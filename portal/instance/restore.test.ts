import { gunzipSync, gzipSync } from 'node:zlib';
import { Agent, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backup, RestoreResult } from '../../common/portal-api/instance';
import { heldGate, startTestPortal, type TestPortal, type TestResponse } from '../test-support';

// The restore round trip through the HTTP API. No store is named, so under scripts/with-postgres.sh this file
// runs on a fresh PostgreSQL database as well as on PGlite.

let portal: TestPortal;
let token: string;
let portalName: string;
const gates: { beforeRestore: () => Promise<void> } = { beforeRestore: async () => undefined };
const agent = new Agent({ connect: { rejectUnauthorized: false } });

beforeAll(async () => {
  portal = await startTestPortal({ backupHooks: { beforeRestore: () => gates.beforeRestore() } });
  token = await portal.signInAdmin();
  portalName = (await api('GET', '/portal')).json<{ name: string }>().name;
});

afterAll(async () => {
  await agent.close();
  await portal?.close();
});

function api(method: string, path: string, options: { body?: unknown; ifMatch?: string; as?: string } = {}): Promise<TestResponse> {
  return portal.request(method, `/api/v1${path}`, {
    token: options.as ?? token,
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.ifMatch === undefined ? {} : { headers: { 'if-match': options.ifMatch } }),
  });
}

async function upload(archive: Buffer, confirm: string): Promise<TestResponse> {
  const response = await undiciRequest(new URL(`/api/v1/instance/restores?confirm=${encodeURIComponent(confirm)}`, portal.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip' },
    body: archive,
    dispatcher: agent,
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) };
}

async function backUp(): Promise<Backup> {
  const started = (await api('POST', '/instance/backups')).json<Backup>();
  for (let i = 0; i < 400; i += 1) {
    const backup = (await api('GET', `/instance/backups/${started.id}`)).json<Backup>();
    if (backup.status !== 'running') return backup;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the backup did not finish');
}

async function download(id: string): Promise<Buffer> {
  const response = await undiciRequest(new URL(`/api/v1/instance/backups/${id}/archive`, portal.url), {
    headers: { authorization: `Bearer ${token}` },
    dispatcher: agent,
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/gzip');
  return Buffer.from(await response.body.arrayBuffer());
}

const userIdOf = async (login: string): Promise<string | null> =>
  (await api('GET', `/users?q=${encodeURIComponent(login)}&limit=5`)).json<{ items: { id: string; login: string }[] }>().items.find((u) => u.login === login)?.id ?? null;

async function createUser(login: string): Promise<string> {
  const body = { login, displayName: `Test ${login}`, email: null, language: 'de', enabled: true, isAdmin: false, groupIds: [], password: { mode: 'none' } };
  const created = await api('POST', '/users', { body });
  expect(created.status).toBe(201);
  return (await userIdOf(login))!;
}

async function deleteUser(id: string): Promise<void> {
  const current = await api('GET', `/users/${id}`);
  expect((await api('DELETE', `/users/${id}`, { ifMatch: String(current.headers.etag) })).status).toBe(204);
}

async function userCount(): Promise<number> {
  const page = (await api('GET', '/instance/health')).status;
  expect(page).toBe(200);
  let count = 0;
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? 'limit=500' : `limit=500&cursor=${encodeURIComponent(cursor)}`;
    const result = (await api('GET', `/users?${query}`)).json<{ items: unknown[]; nextCursor: string | null }>();
    count += result.items.length;
    cursor = result.nextCursor;
  } while (cursor !== null);
  return count;
}

describe('backup download and restore', () => {
  let archive: Buffer;
  let backup: Backup;

  it('downloads the archive of a backup, byte for byte what was recorded', async () => {
    await createUser('restore.kept');
    backup = await backUp();
    expect(backup).toMatchObject({ status: 'succeeded', file: expect.stringMatching(/\.jsonl\.gz$/) });
    archive = await download(backup.id);
    expect(archive.byteLength).toBe(backup.sizeBytes);
    const [download1] = (await api('GET', '/audit?action=backup.download&limit=1')).json<{ items: { targetId: string }[] }>().items;
    expect(download1?.targetId).toBe(backup.id);
  });

  it('refuses a restore whose typed name is not the portal’s (422), changing nothing', async () => {
    const refused = await api('POST', `/instance/backups/${backup.id}/restore`, { body: { confirm: `${portalName}x` } });
    expect(refused.status).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'restore_not_confirmed' });
    expect((await api('GET', '/audit?action=backup.restore&limit=1')).json().items).toEqual([]);
  });

  it('restores a backup: the deleted user is back, every session ended, the restore audited afterwards', async () => {
    const id = (await userIdOf('restore.kept'))!;
    await deleteUser(id);
    await createUser('restore.after');
    const other = await portal.signInAdmin();
    const before = await userCount();

    const restored = await api('POST', `/instance/backups/${backup.id}/restore`, { body: { confirm: portalName } });
    expect(restored.status).toBe(200);
    expect(restored.json<RestoreResult>()).toMatchObject({ source: 'backup', backupId: backup.id, sessionsEnded: true });
    expect((await api('GET', '/users?limit=1')).status).toBe(401);
    expect((await api('GET', '/users?limit=1', { as: other })).status).toBe(401);

    token = await portal.signInAdmin();
    expect(await userIdOf('restore.kept')).toBe(id);
    expect(await userIdOf('restore.after')).toBeNull();
    expect(await userCount()).toBe(before);
    const [entry] = (await api('GET', '/audit?action=backup.restore&limit=1')).json<{ items: { actorLogin: string; targetId: string }[] }>().items;
    expect(entry).toMatchObject({ actorLogin: 'admin', targetId: backup.id });
    // The backup history stays what it was: the restored backup is still listed.
    expect((await api('GET', `/instance/backups/${backup.id}`)).status).toBe(200);
  });

  it('restores an uploaded archive the same way', async () => {
    const id = (await userIdOf('restore.kept'))!;
    await deleteUser(id);
    const restored = await upload(archive, portalName);
    expect(restored.status).toBe(200);
    expect(restored.json<RestoreResult>()).toMatchObject({ source: 'upload', backupId: null });
    token = await portal.signInAdmin();
    expect(await userIdOf('restore.kept')).toBe(id);
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.byteLength * 0.6))],
    ['cut after the last row (no end line)', (bytes: Buffer) => gzipSync(cutEndLine(gunzipSync(bytes)))],
    ['with a row altered', (bytes: Buffer) => gzipSync(Buffer.from(gunzipSync(bytes).toString('utf8').replace('restore.kept', 'restore.kapt')))],
    ['not gzip at all', () => Buffer.from('login,displayName\nx,y\n')],
  ])('refuses an archive %s (422) with the data untouched and nothing audited', async (_what, damage) => {
    await createUser(`restore.untouched.${_what.length}`);
    const before = await userCount();
    const refused = await upload(damage(archive), portalName);
    expect(refused.status).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'archive_damaged' });
    expect(await userCount()).toBe(before);
    expect(await userIdOf(`restore.untouched.${_what.length}`)).not.toBeNull();
    const [last] = (await api('GET', '/audit?action=backup.restore&limit=5')).json<{ items: { after: { source: string } }[] }>().items;
    expect(last?.after.source).toBe('upload');
    // The audit log was restored too: the only restore entry left is the last one, written after it.
    expect((await api('GET', '/audit?action=backup.restore&limit=5')).json().items).toHaveLength(1);
  });

  it('refuses other writes with 503 and Retry-After while a restore runs; reads go on', async () => {
    const held = heldGate();
    gates.beforeRestore = held.hook;
    const restoring = api('POST', `/instance/backups/${backup.id}/restore`, { body: { confirm: portalName } });
    await held.reached;
    const refused = await api('POST', '/users', { body: { login: 'during.restore' } });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.json()).toMatchObject({ code: 'restore_running' });
    expect((await api('GET', '/instance/backups?limit=1')).status).toBe(200);
    const second = await api('POST', `/instance/backups/${backup.id}/restore`, { body: { confirm: portalName } });
    expect(second.status).toBe(503);
    held.open();
    expect((await restoring).status).toBe(200);
    gates.beforeRestore = async () => undefined;
    token = await portal.signInAdmin();
    expect((await api('POST', '/users', { body: { login: 'after.restore' } })).status).not.toBe(503);
  });
});

function cutEndLine(text: Buffer): Buffer {
  const lines = text.toString('utf8').trimEnd().split('\n');
  return Buffer.from(`${lines.slice(0, -1).join('\n')}\n`);
}
