import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STREAM_FAILED_MARKER, streamFailure } from '../../common/portal-api/streams';
import { startTestPortal, type TestPortal } from '../test-support';

/**
 * Plants a password, its hash, a session token and personal data as SQL parameters of queries that
 * fail, then reads every log the portal writes: the server log (memory and its file) and the request
 * log on stderr. None may carry them; the failures themselves must still be there to diagnose.
 */
const PLANTED = {
  login: 'planted.login',
  displayName: 'Planted Displayname',
  email: 'planted.person@example.com',
  password: 'Quartz-Harbour-2026!',
};

let dataDir: string;
let portal: TestPortal;
let token: string;
const stderr: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'portal-log-secrets-'));
  const write = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stderr.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  });
  portal = await startTestPortal({ dataDir, memory: false, logger: true });
  token = await portal.signInAdmin();
});

afterAll(async () => {
  vi.restoreAllMocks();
  await portal?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function failEveryInsertIntoUsers(on: boolean): Promise<void> {
  if (on) {
    await portal.portal.db.execute(
      sql.raw(`create or replace function planted_failure() returns trigger language plpgsql as $$ begin raise exception 'planted failure'; end $$`),
    );
    await portal.portal.db.execute(sql.raw('create trigger planted_failure before insert on users for each row execute function planted_failure()'));
  } else {
    await portal.portal.db.execute(sql.raw('drop trigger planted_failure on users'));
    await portal.portal.db.execute(sql.raw('drop function planted_failure()'));
  }
}

async function everyLog(): Promise<string> {
  await portal.portal.app.serverLog.flush();
  const memory = portal.portal.app.serverLog.query({ from: new Date(0), to: new Date(Date.now() + 86_400_000), minLevel: 'debug', limit: 100_000 });
  const file = await readFile(join(dataDir, 'logs', 'portal.log'), 'utf8');
  return [JSON.stringify(memory.items), file, stderr.join('')].join('\n');
}

describe('logs never carry SQL parameters, hashes, tokens or passwords', () => {
  it('a failed insert of a new user (hash among its parameters) is logged without them', async () => {
    await failEveryInsertIntoUsers(true);
    try {
      const response = await portal.request('POST', '/api/v1/users', {
        token,
        body: { ...PLANTED, password: { mode: 'set', password: PLANTED.password, mustChange: false }, language: 'de', enabled: true, isAdmin: false, groupIds: [] },
      });
      expect(response.status, response.text).toBe(500);
      expect(response.json()).toMatchObject({ code: 'internal', detail: 'The portal could not process the request.' });
    } finally {
      await failEveryInsertIntoUsers(false);
    }
    const logs = await everyLog();
    // Still diagnosable: the statement (placeholders only), the SQLSTATE and the database's message.
    expect(logs).toContain('planted failure');
    expect(logs).toContain('P0001');
    expect(logs).toMatch(/insert into \\?"users\\?"/);
  });

  it('an export that fails after its first bytes ends with the marker and is logged without parameters', async () => {
    await portal.portal.db.execute(sql.raw('alter table principal_members rename to principal_members_gone'));
    let text: string;
    try {
      const response = await portal.request('GET', '/api/v1/users/export', { token });
      expect(response.status).toBe(200);
      text = response.text;
    } finally {
      await portal.portal.db.execute(sql.raw('alter table principal_members_gone rename to principal_members'));
    }
    expect(text).toMatch(/^\uFEFF?"?login"?,/);
    expect(text).toContain(STREAM_FAILED_MARKER);
    expect(streamFailure(text)).toMatch(/incomplete/);
    expect(await everyLog()).toContain('export failed');
  });

  it('after sign-ins (a wrong one too) no log holds a planted password, token, e-mail, name or hash', async () => {
    await portal.addUser({ login: 'planted.admin', password: PLANTED.password, isAdmin: true });
    const wrong = await portal.request('POST', '/api/v1/sessions', { body: { login: 'planted.admin', password: `${PLANTED.password}x` } });
    expect(wrong.status).toBe(401);
    const plantedToken = await portal.signInAdmin('planted.admin', PLANTED.password);
    expect((await portal.request('GET', '/api/v1/sessions/current', { token: plantedToken })).status).toBe(200);

    const logs = await everyLog();
    expect(logs).toContain('sign-in refused');
    for (const secret of [PLANTED.password, plantedToken, token, PLANTED.email, PLANTED.displayName]) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/scrypt\$\d+\$/);
    expect(logs).not.toContain('params: ');
  });
});
