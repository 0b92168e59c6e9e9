import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../common/portal-api/users';
import { auditLog, importJobs } from '../db/schema';
import { sharedSignedInPortal, startTestPortal } from '../test-support';
import { IMPORT_BATCH_SIZE, ImportJobs, markInterruptedImports, planImport } from './import';
import { adminImportContext, importAuditActions } from './import-test-support';

const shared = sharedSignedInPortal();

const context = () => adminImportContext(shared.portal.portal.db);
const auditActions = (jobId: string) => importAuditActions(shared.portal.portal.db, jobId);

describe('import jobs as rows', () => {
  it('a job cut off after its first batch (as by kill -9) is shown after a restart as interrupted, with what it did', async () => {
    const ctx = await context();
    const jobs = new ImportJobs();
    let batches = 0;
    let reachedSecond!: () => void;
    const second = new Promise<void>((resolve) => (reachedSecond = resolve));
    // The first batch goes through; the process "dies" before the second (the gate never opens).
    jobs.beforeBatch = async () => {
      batches += 1;
      if (batches === 1) return;
      reachedSecond();
      await new Promise(() => undefined);
    };
    const rows = Array.from({ length: IMPORT_BATCH_SIZE + 100 }, (_, index) => ({ login: `cut.user${index}`, displayName: `Cut User ${index}` }));
    const job = jobs.start(ctx, await planImport(ctx.db, rows));
    await second;

    const [running] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(running).toMatchObject({ state: 'running', total: rows.length, processed: IMPORT_BATCH_SIZE, created: IMPORT_BATCH_SIZE });
    expect(await auditActions(job.id)).toEqual(['user.import_started']);
    const answered = await shared.api('GET', `/users/import/${job.id}`);
    expect(answered.json<ImportJob>()).toMatchObject({ state: 'running', processed: IMPORT_BATCH_SIZE });

    // What the portal does when it starts again.
    expect(await markInterruptedImports(ctx.db, new Date())).toBe(1);
    const after = await shared.api('GET', `/users/import/${job.id}`);
    expect(after.status).toBe(200);
    expect(after.json<ImportJob>()).toMatchObject({ state: 'interrupted', total: rows.length, processed: IMPORT_BATCH_SIZE, created: IMPORT_BATCH_SIZE });
    expect(after.json<ImportJob>().error).toContain(`${IMPORT_BATCH_SIZE} of ${rows.length} rows`);
    expect(await auditActions(job.id)).toEqual(['user.import_interrupted', 'user.import_started']);
    expect((await shared.api('GET', `/users/import/${job.id}/activation-codes`)).json()).toMatchObject({ status: 409, code: 'activation_codes_gone' });
    // The accounts it created are exactly those its audit entries name (for new activation codes).
    const creates = await ctx.db.select({ id: auditLog.targetId, after: auditLog.after }).from(auditLog).where(eq(auditLog.action, 'user.create'));
    const ofThisJob = creates.filter((entry) => (entry.after as { importJob?: string } | null)?.importJob === job.id);
    expect(ofThisJob).toHaveLength(IMPORT_BATCH_SIZE);

    // New codes for exactly those accounts, once each; a code then signs in.
    const reissued = await shared.api('POST', `/users/import/${job.id}/activation-codes`);
    expect(reissued.status).toBe(200);
    const lines = reissued.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(IMPORT_BATCH_SIZE);
    expect(new Set(lines.map((line) => line.split(',')[0]))).toEqual(new Set(rows.slice(0, IMPORT_BATCH_SIZE).map((row) => row.login)));
    const [login, , , code] = lines[0]!.split(',');
    const signIn = await shared.portal.request('POST', '/api/v1/sessions', { body: { login, password: code } });
    expect(signIn.status, signIn.text).toBe(201);
    expect(signIn.json()).toMatchObject({ user: { login, mustChangePassword: true } });
    expect(await auditActions(job.id)).toEqual(['user.import_codes_reissued', 'user.import_interrupted', 'user.import_started']);
  });

  it('a finished job keeps its row, answered after the process forgot it', async () => {
    const ctx = await context();
    const jobs = new ImportJobs();
    const job = jobs.start(ctx, await planImport(ctx.db, [{ login: 'row.kept', displayName: 'Row Kept' }, { login: '', displayName: 'no login' }]));
    await jobs.idle();
    const response = await shared.api('GET', `/users/import/${job.id}`);
    expect(response.json<ImportJob>()).toMatchObject({ state: 'done', total: 2, processed: 2, created: 1, skipped: 1, issues: [{ row: 2 }] });
    expect(await auditActions(job.id)).toEqual(['user.import', 'user.import_started']);
  });
});

describe('a restart of the portal', () => {
  it('turns a job left running in the database into an interrupted one', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portal-import-restart-'));
    try {
      const first = await startTestPortal({ dataDir, memory: false });
      const id = randomUUID();
      // What a kill -9 during an import leaves behind.
      await first.portal.db.insert(importJobs).values({ id, state: 'running', actorLogin: 'admin', total: 10_000, processed: 5_000, created: 5_000, startedAt: new Date() });
      await first.close();

      const second = await startTestPortal({ dataDir, memory: false });
      try {
        const token = await second.signInAdmin();
        const job = (await second.request('GET', `/api/v1/users/import/${id}`, { token })).json<ImportJob>();
        expect(job).toMatchObject({ state: 'interrupted', processed: 5_000, created: 5_000, total: 10_000 });
        expect(job.error).toContain('5000 of 10000 rows');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
