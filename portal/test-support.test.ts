import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPortal } from './test-support';

describe('the shared test database record (PORTAL_TEST_SHARED_DB_RECORD)', () => {
  let dir: string;
  const saved = process.env.PORTAL_TEST_SHARED_DB_RECORD;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shared-db-record-'));
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.PORTAL_TEST_SHARED_DB_RECORD;
    else process.env.PORTAL_TEST_SHARED_DB_RECORD = saved;
    await rm(dir, { recursive: true, force: true });
  });

  const recorded = async (record: string) => readFile(record, 'utf8').catch(() => '');

  it('notes this file for a portal on the shared test database, not for one that names its store', async () => {
    const record = join(dir, 'record');
    process.env.PORTAL_TEST_SHARED_DB_RECORD = record;
    const named = await startTestPortal({ memory: true, demo: false });
    await named.close();
    expect(await recorded(record)).toBe('');
    const shared = await startTestPortal({ demo: false });
    await shared.close();
    expect(await recorded(record)).toBe('portal/test-support.test.ts\n');
  }, 120_000);
});
