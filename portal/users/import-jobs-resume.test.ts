import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ImportJob, ImportJobList } from '../../common/portal-api/users';
import { auditLog, importJobs, users } from '../db/schema';
import { isProblemError } from '../http/problem';
import { heldGate, sharedSignedInPortal, startTestPortal, type TestPortal } from '../test-support';
import { IMPORT_BATCH_SIZE, ImportJobs, markInterruptedImports, planImport } from './import';
import { adminImportContext, importAuditActions } from './import-test-support';

const shared = sharedSignedInPortal();

const context = () => adminImportContext(shared.portal.portal.db);
const auditActions = (jobId: string) => importAuditActions(shared.portal.portal.db, jobId);

const problemCode = (error: unknown) => (isProblemError(error) ? `${error.statusCode} ${String(error.body.code)}` : String(error));

/** A job whose first batch committed and whose process "died" before the second (the gate never opens). */
async function startCutJob(portal: TestPortal, prefix: string, count: number): Promise<ImportJob> {
  const db = portal.portal.db;
  const [admin] = await db.select({ id: users.id, login: users.login }).from(users).where(eq(users.login, 'admin'));
  const ctx = { db, actor: admin!, now: () => new Date() };
  const jobs = new ImportJobs();
  let batches = 0;
  let reachedSecond!: () => void;
  const second = new Promise<void>((resolve) => (reachedSecond = resolve));
  jobs.beforeBatch = async () => {
    batches += 1;
    if (batches === 1) return;
    reachedSecond();
    await new Promise(() => undefined);
  };
  const rows = Array.from({ length: count }, (_, index) => ({ login: `${prefix}${index}`, displayName: `Resumed User ${index}` }));
  const job = jobs.start(ctx, await planImport(ctx.db, rows));
  await second;
  return job;
}

async function cutAfterFirstBatch(prefix: string, count: number): Promise<ImportJob> {
  const job = await startCutJob(shared.portal, prefix, count);
  // What the portal does when it starts again.
  await markInterruptedImports(shared.portal.portal.db, new Date());
  return job;
}

async function finished(jobId: string): Promise<ImportJob> {
  for (;;) {
    const job = (await shared.api('GET', `/users/import/${jobId}`)).json<ImportJob>();
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('resuming an interrupted import', () => {
  it('writes the rest after the last committed batch, each row once, and drops the planned rows when done', async () => {
    const total = IMPORT_BATCH_SIZE + 100;
    const job = await cutAfterFirstBatch('resume.user', total);
    const db = shared.portal.portal.db;
    const [cut] = await db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(cut).toMatchObject({ state: 'interrupted', processed: IMPORT_BATCH_SIZE, plannedDone: IMPORT_BATCH_SIZE });
    expect(cut!.planned).toHaveLength(total);
    // A login taken while the job stood still is skipped, as in any batch.
    const taken = `resume.user${IMPORT_BATCH_SIZE + 5}`;
    await db.insert(users).values({ login: taken, displayName: 'Taken Meanwhile' });

    const resumed = await shared.api('POST', `/users/import/${job.id}/resume`);
    expect(resumed.status, resumed.text).toBe(202);
    expect(resumed.headers.location).toBe(`/api/v1/users/import/${job.id}`);
    expect(resumed.json<ImportJob>()).toMatchObject({ id: job.id, state: 'running', processed: IMPORT_BATCH_SIZE });

    const done = await finished(job.id);
    expect(done).toMatchObject({ state: 'done', total, processed: total, created: total - 1, skipped: 1, error: null });
    expect(done.issues).toEqual([{ row: IMPORT_BATCH_SIZE + 6, field: 'login', code: 'login_taken', params: { login: taken } }]);
    const created = await db.select({ login: users.login }).from(users).where(like(users.login, 'resume.user%'));
    expect(created).toHaveLength(total);
    expect(new Set(created.map((row) => row.login)).size).toBe(total);
    const [row] = await db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(row).toMatchObject({ state: 'done', planned: null, plannedDone: total });
    expect(await auditActions(job.id)).toEqual(['user.import', 'user.import_interrupted', 'user.import_resumed', 'user.import_started']);
    const creates = await db.select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.action, 'user.create'));
    expect(creates.filter((entry) => (entry.after as { importJob?: string } | null)?.importJob === job.id)).toHaveLength(total - 1);

    // The resumed part's codes download once; new codes for every account the job created.
    const codes = await shared.api('GET', `/users/import/${job.id}/activation-codes`);
    expect(codes.status).toBe(200);
    expect(codes.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1)).toHaveLength(total - IMPORT_BATCH_SIZE - 1);
    const reissued = await shared.api('POST', `/users/import/${job.id}/activation-codes`);
    expect(reissued.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1)).toHaveLength(total - 1);

    expect((await shared.api('POST', `/users/import/${job.id}/resume`)).json()).toMatchObject({ status: 409, code: 'import_not_interrupted' });
  });

  it('answers 404 for an unknown job and 409 import_running while another import runs', async () => {
    expect((await shared.api('POST', '/users/import/00000000-0000-4000-8000-000000000000/resume')).json()).toMatchObject({
      status: 404,
      code: 'import_job_not_found',
    });
    const job = await cutAfterFirstBatch('busy.user', IMPORT_BATCH_SIZE + 1);
    const ctx = await context();
    const jobs = new ImportJobs();
    const gate = heldGate();
    jobs.beforeBatch = gate.hook;
    jobs.start(ctx, await planImport(ctx.db, [{ login: 'busy.other', displayName: 'Busy Other' }]));
    await gate.reached;
    expect(problemCode(await jobs.resume(ctx, job.id).catch((error: unknown) => error))).toBe('409 import_running');
    expect((await readRow(job.id))?.state).toBe('interrupted');
    gate.open();
    await jobs.idle();
    await jobs.resume(ctx, job.id);
    await jobs.idle();
    expect(await readRow(job.id)).toMatchObject({ state: 'done', processed: IMPORT_BATCH_SIZE + 1, created: IMPORT_BATCH_SIZE + 1, planned: null });
  });

  it('a job that failed or finished keeps no planned rows and cannot be resumed', async () => {
    const ctx = await context();
    const jobs = new ImportJobs();
    const job = jobs.start(ctx, await planImport(ctx.db, [{ login: 'plain.done', displayName: 'Plain Done' }]));
    await jobs.idle();
    expect(await readRow(job.id)).toMatchObject({ state: 'done', planned: null });
    expect(problemCode(await jobs.resume(ctx, job.id).catch((error: unknown) => error))).toBe('409 import_not_interrupted');
  });
});

describe('the list of import jobs', () => {
  it('shows the most recent jobs, newest first, at most 20, with what they did', async () => {
    const ctx = await context();
    const jobs = new ImportJobs();
    for (let index = 0; index < 22; index += 1) {
      jobs.start(ctx, await planImport(ctx.db, [{ login: `listed.user${index}`, displayName: `Listed ${index}` }]));
      await jobs.idle();
    }
    const response = await shared.api('GET', '/users/import');
    expect(response.status).toBe(200);
    const listed = response.json<ImportJobList>().jobs;
    expect(listed).toHaveLength(20);
    const started = listed.map((job) => Date.parse(job.startedAt));
    expect(started).toEqual([...started].sort((a, b) => b - a));
    expect(listed[0]).toMatchObject({ state: 'done', total: 1, created: 1 });
  });
});

async function readRow(id: string) {
  const [row] = await shared.portal.portal.db.select().from(importJobs).where(eq(importJobs.id, id));
  return row;
}

describe('a real restart of the portal', () => {
  it('resumes the job cut off by the last stop, on the same data', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portal-import-resume-'));
    try {
      const first = await startTestPortal({ dataDir, memory: false });
      const job = await startCutJob(first, 'restart.user', IMPORT_BATCH_SIZE + 20);
      await first.close();

      const second = await startTestPortal({ dataDir, memory: false });
      try {
        const token = await second.signInAdmin();
        const listed = (await second.request('GET', '/api/v1/users/import', { token })).json<ImportJobList>().jobs;
        expect(listed.find((entry) => entry.id === job.id)).toMatchObject({ state: 'interrupted', processed: IMPORT_BATCH_SIZE });
        expect((await second.request('POST', `/api/v1/users/import/${job.id}/resume`, { token })).status).toBe(202);
        let state = 'running';
        while (state === 'running') state = (await second.request('GET', `/api/v1/users/import/${job.id}`, { token })).json<ImportJob>().state;
        const [row] = await second.portal.db.select().from(importJobs).where(eq(importJobs.id, job.id));
        expect(row).toMatchObject({ state: 'done', processed: IMPORT_BATCH_SIZE + 20, created: IMPORT_BATCH_SIZE + 20, planned: null });
        expect(await second.portal.db.select({ id: users.id }).from(users).where(like(users.login, 'restart.user%'))).toHaveLength(IMPORT_BATCH_SIZE + 20);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
