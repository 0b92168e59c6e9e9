import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../db/schema';
import { isProblemError } from '../http/problem';
import { heldGate, sharedSignedInPortal } from '../test-support';
import { ImportJobs, planImport } from './import';

const shared = sharedSignedInPortal();

async function context() {
  const db = shared.portal.portal.db;
  const [admin] = await db.select({ id: users.id, login: users.login }).from(users).where(eq(users.login, 'admin'));
  return { db, actor: admin!, now: () => new Date() };
}

const problemCode = (error: unknown) => (isProblemError(error) ? `${error.statusCode} ${String(error.body.code)}` : String(error));

describe('an import job while it runs', () => {
  it('refuses a second import and its activation codes (409 import_running), and gives both once it has finished', async () => {
    const ctx = await context();
    const jobs = new ImportJobs();
    const gate = heldGate();
    jobs.beforeBatch = gate.hook;
    const first = jobs.start(ctx, await planImport(ctx.db, [{ login: 'held.first', displayName: 'Held First' }]));
    await gate.reached;

    const second = await planImport(ctx.db, [{ login: 'held.second', displayName: 'Held Second' }]);
    expect(problemCode(await Promise.resolve().then(() => jobs.start(ctx, second)).catch((e: unknown) => e))).toBe('409 import_running');
    expect(problemCode(await Promise.resolve().then(() => jobs.takeActivationCodes(first.id)).catch((e: unknown) => e))).toBe('409 import_running');
    expect(jobs.get(first.id)).toMatchObject({ state: 'running', processed: 0 });
    expect(await ctx.db.select({ id: users.id }).from(users).where(eq(users.login, 'held.second'))).toEqual([]);

    gate.open();
    await jobs.idle();
    expect(jobs.get(first.id)).toMatchObject({ state: 'done', created: 1 });
    expect(jobs.takeActivationCodes(first.id)).toHaveLength(1);
    const again = jobs.start(ctx, second);
    await jobs.idle();
    expect(jobs.get(again.id)).toMatchObject({ state: 'done', created: 1 });
  });
});
