import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Agent } from 'undici';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TicketCreate } from '../../common/portal-api/support';
import { tickets } from '../../portal/db/schema';
import { startTestPortal, type TestPortal } from '../../portal/test-support';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy';
import { createPinnedAgent } from './pinning';
import { PortalClient } from './portal-client';
import { defaultBackoff, TicketOutbox } from './ticket-outbox';

const PROFILE = 'profile-1';
/** Big enough that the test proxy recognises the request (see tcp-proxy.ts). */
const LOG = 'GET /api/v1/crm/companies 500 upstream timeout\n'.repeat(100);
const root = resolve(__dirname, '../..');

let portal: TestPortal;
let proxy: TcpProxy;
let token: string;
let agent: Agent;
let client: PortalClient;
let dir: string;
let clock: Date;

function ticket(subject: string, overrides: Partial<TicketCreate> = {}): TicketCreate {
  return {
    subject,
    answers: { system: 'production', scope: 'primary-application', impact: 'down', concurrentFaults: 0 },
    area: { kind: 'application', applicationId: null, name: 'CRM' },
    severity: 'critical',
    severityReason: null,
    report: {
      steps: '1. CRM öffnen\n2. Firma "Beispiel AG" suchen und öffnen',
      expected: 'Die Firmenakte wird angezeigt.',
      actual: 'Es erscheint "Zeitüberschreitung der Datenbank" nach 30 Sekunden.',
      details: '',
    },
    contact: { name: 'Anna Admin', email: 'anna@muster-gmbh.de', phone: '', availability: 'werktags 8-17 Uhr' },
    attachments: [{ name: 'server.log', kind: 'server-log', contentType: 'text/plain', contentBase64: Buffer.from(LOG).toString('base64'), redaction: { applied: true, count: 0, kinds: {} } }],
    ...overrides,
  };
}

async function ticketsWithKey(key: string) {
  return portal.portal.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.idempotencyKey, key));
}

/** Counted by subject, so a duplicate sent without (or with another) Idempotency-Key would show. */
async function ticketsNamed(subject: string) {
  return portal.portal.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.subject, subject));
}

async function outboxFiles(): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).filter((name) => name.endsWith('.json'));
}

const signedIn = () => client;

beforeAll(async () => {
  portal = await startTestPortal();
  token = await portal.signInAdmin();
  proxy = await startTcpProxy({ host: '127.0.0.1', port: portal.portal.port });
  agent = createPinnedAgent({ primary: portal.spki, backup: null }, { timeoutMs: 2_000 });
  client = new PortalClient(proxy.url, agent, token);
});

afterAll(async () => {
  await agent?.close();
  await proxy?.close();
  await portal?.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-'));
  clock = new Date('2026-03-02T09:00:00.000Z');
  proxy.mode = 'forward';
  return () => rm(dir, { recursive: true, force: true });
});

const open = () => TicketOutbox.open(dir, { now: () => clock, backoff: (attempts) => attempts * 10_000, timeoutMs: 5_000 });

describe('TicketOutbox', () => {
  it('keeps a ticket on disk while the portal is down, backs off, survives a restart and sends it when the portal is back', async () => {
    const outbox = await open();
    proxy.mode = 'refuse';
    const entry = await outbox.add({ profileId: PROFILE, profileName: 'Prod', request: ticket('Portal down, outbox test') });
    const outcome = await outbox.send(entry.id, signedIn, { force: true });
    expect(outcome).toMatchObject({ kind: 'kept', permanent: false, error: { code: 'UNREACHABLE' } });
    expect(outbox.list(signedIn)[0]).toMatchObject({ attempts: 1, state: 'pending', nextAttemptAt: '2026-03-02T09:00:10.000Z', lastError: { code: 'UNREACHABLE' } });
    expect(await outbox.flush(signedIn)).toBe(0);

    const afterRestart = await open();
    expect(afterRestart.list(signedIn)).toMatchObject([{ id: entry.id, attempts: 1, attachmentCount: 1, attachmentBytes: LOG.length }]);
    proxy.mode = 'forward';
    clock = new Date('2026-03-02T09:00:11.000Z');
    expect(await afterRestart.flush(signedIn)).toBe(1);
    expect(await outboxFiles()).toEqual([]);
    expect(await ticketsNamed('Portal down, outbox test')).toHaveLength(1);
  });

  it('resends after an answer was lost and the portal still has exactly one ticket', async () => {
    const outbox = await open();
    const entry = await outbox.add({ profileId: PROFILE, profileName: 'Prod', request: ticket('Antwort verloren') });
    proxy.mode = 'drop-responses';
    expect(await outbox.send(entry.id, signedIn, { force: true })).toMatchObject({ kind: 'kept', permanent: false });
    expect(await ticketsWithKey(entry.id)).toHaveLength(1);
    proxy.mode = 'forward';
    const resent = await outbox.send(entry.id, signedIn, { force: true });
    expect(resent.kind).toBe('sent');
    const [only, ...duplicates] = await ticketsNamed('Antwort verloren');
    expect(duplicates).toEqual([]);
    expect(resent.kind === 'sent' && resent.ticket.value.id).toBe(only?.id);
    expect(await outboxFiles()).toEqual([]);
  });

  it('marks a ticket the portal refuses as rejected, keeps it, and does not retry it', async () => {
    const outbox = await open();
    const invalid = ticket('Kritisch auf Test', { answers: { system: 'test', scope: 'whole-portal', impact: 'down', concurrentFaults: 0 }, area: { kind: 'portal' } });
    const entry = await outbox.add({ profileId: PROFILE, profileName: 'Prod', request: invalid });
    expect(await outbox.send(entry.id, signedIn, { force: true })).toMatchObject({ kind: 'kept', permanent: true, error: { code: 'VALIDATION' } });
    expect(outbox.list(signedIn)[0]).toMatchObject({ state: 'rejected', nextAttemptAt: null });
    expect(await outbox.send(entry.id, signedIn)).toEqual({ kind: 'skipped', reason: 'rejected' });
    expect(await outboxFiles()).toEqual([`${entry.id}.json`]);
    await outbox.discard(entry.id);
    expect(await outboxFiles()).toEqual([]);
  });

  it('waits for sign-in instead of failing when no session or an expired one is there', async () => {
    const outbox = await open();
    const entry = await outbox.add({ profileId: PROFILE, profileName: 'Prod', request: ticket('Wartet auf Anmeldung') });
    expect(await outbox.send(entry.id, () => null, { force: true })).toEqual({ kind: 'skipped', reason: 'not-signed-in' });
    expect(outbox.list(() => null)[0]?.state).toBe('waiting-for-sign-in');
    const expired = new PortalClient(proxy.url, agent, 'not-a-valid-token');
    expect(await outbox.send(entry.id, () => expired, { force: true })).toMatchObject({ kind: 'kept', permanent: false, error: { code: 'SESSION_EXPIRED' } });
    expect(outbox.list(signedIn)[0]).toMatchObject({ state: 'pending', nextAttemptAt: null });
    expect(await outbox.flush(signedIn)).toBe(1);
  });

  it('sends right after a sign-in without waiting out the backoff, but never retries a refused ticket on its own', async () => {
    const outbox = await open();
    proxy.mode = 'refuse';
    const waiting = await outbox.add({ profileId: PROFILE, profileName: 'Prod', request: ticket('Nach Anmeldung sofort') });
    await outbox.send(waiting.id, signedIn, { force: true });
    const invalid = ticket('Abgelehnt bleibt abgelehnt', { answers: { system: 'dev', scope: 'whole-portal', impact: 'down', concurrentFaults: 0 }, area: { kind: 'portal' } });
    const refused = await outbox.add({ profileId: PROFILE, profileName: 'Prod', request: invalid });
    proxy.mode = 'forward';
    await outbox.send(refused.id, signedIn, { force: true });
    expect(outbox.view(waiting.id, signedIn)).toMatchObject({ state: 'pending', nextAttemptAt: '2026-03-02T09:00:10.000Z' });

    expect(await outbox.flush(signedIn)).toBe(0);
    expect(await outbox.flush(signedIn, { ignoreBackoff: true })).toBe(1);
    expect(await ticketsNamed('Nach Anmeldung sofort')).toHaveLength(1);
    expect(outbox.list(signedIn)).toMatchObject([{ id: refused.id, state: 'rejected' }]);
  });

  it('sets a corrupt file aside (cut-off JSON, another shape) and clears temp files left by a crash during a write', async () => {
    await writeFile(join(dir, 'broken.json'), '{"formatVersion":1,"id":"abc');
    await writeFile(join(dir, 'other-shape.json'), JSON.stringify({ formatVersion: 2, id: 'abcdefgh' }));
    await writeFile(join(dir, 'x.json.1234.tmp'), 'half');
    const outbox = await open();
    expect(outbox.size).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['broken.json.corrupt', 'other-shape.json.corrupt']);
  });

  it('keeps a file it could not read, logs it and fails the open with the read error', async () => {
    const queued = await (await open()).add({ profileId: PROFILE, profileName: 'Muster', request: ticket('Kept though unreadable') });
    // A read error that is not about the content: the name is a folder (EISDIR), as EACCES or EMFILE would be.
    await mkdir(join(dir, 'not-a-file.json'));
    const logged: string[] = [];
    const log = { info: () => undefined, warn: (message: string) => logged.push(`warn ${message}`), error: (message: string) => logged.push(`error ${message}`) };
    const failure = await TicketOutbox.open(dir, { log }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'INTERNAL', details: { reason: 'outbox_unreadable', file: 'not-a-file.json', errno: 'EISDIR' } });
    expect(logged).toEqual(['error outbox file could not be read; kept']);
    expect((await readdir(dir)).sort()).toEqual([`${queued.id}.json`, 'not-a-file.json']);
    await rm(join(dir, 'not-a-file.json'), { recursive: true });
    expect((await open()).get(queued.id).request.subject).toBe('Kept though unreadable');
  });

  it.each([
    [1, 5_000],
    [2, 10_000],
    [5, 80_000],
    [20, 300_000],
  ])('backs off after %i attempts by about %i ms', (attempts, expected) => {
    expect(defaultBackoff(attempts, () => 0.5)).toBe(expected);
    expect(defaultBackoff(attempts, () => 0)).toBe(expected * 0.8);
    expect(defaultBackoff(attempts, () => 1)).toBe(expected * 1.2);
  });
});

interface Child {
  lines: AsyncIterableIterator<string>;
  exited: Promise<number | null>;
  kill(): void;
}

function startSender(extraEnv: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/test-support/outbox-sender-child.ts'], {
    cwd: root,
    env: { ...process.env, OUTBOX_DIR: dir, PORTAL_URL: proxy.url, PORTAL_SPKI: portal.spki, PORTAL_TOKEN: token, PROFILE_ID: PROFILE, ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { lines: createInterface({ input: child.stdout })[Symbol.asyncIterator](), exited, kill: () => child.kill('SIGKILL') };
}

async function nextStep(child: Child): Promise<{ step: string; sent?: number; left?: number }> {
  const { value, done } = await child.lines.next();
  if (done) throw new Error('the sender ended without another line');
  return JSON.parse(value);
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe('a sender killed mid-flight', () => {
  it('SIGKILLed after the portal stored the ticket but before the outbox file was removed: the restart sends it, exactly one arrives', async () => {
    const id = randomUUID();
    proxy.mode = 'hold-responses';
    const first = startSender({ OUTBOX_ID: id, TICKET_JSON: JSON.stringify(ticket('Absturz nach dem Senden')) });
    expect(await nextStep(first)).toEqual({ step: 'added' });
    const withheldBefore = proxy.withheldBytes;
    // The portal has committed the ticket and answered; the answer is held back, so the sender still waits.
    await until(async () => (await ticketsWithKey(id)).length === 1 && proxy.withheldBytes > withheldBefore);
    first.kill();
    await first.exited;
    expect(await outboxFiles()).toEqual([`${id}.json`]);

    proxy.mode = 'forward';
    const second = startSender({});
    expect(await nextStep(second)).toEqual({ step: 'flushed', sent: 1, left: 0 });
    expect(await second.exited).toBe(0);
    expect(await ticketsNamed('Absturz nach dem Senden')).toHaveLength(1);
    expect(await outboxFiles()).toEqual([]);
  }, 60_000);

  it('SIGKILLed right after the ticket was put on disk: the restart sends it, exactly one arrives', async () => {
    const id = randomUUID();
    proxy.mode = 'hold-responses';
    const first = startSender({ OUTBOX_ID: id, TICKET_JSON: JSON.stringify(ticket('Absturz vor dem Senden')) });
    expect(await nextStep(first)).toEqual({ step: 'added' });
    first.kill();
    await first.exited;
    expect(existsSync(join(dir, `${id}.json`))).toBe(true);

    proxy.mode = 'forward';
    const second = startSender({});
    expect(await nextStep(second)).toEqual({ step: 'flushed', sent: 1, left: 0 });
    expect(await ticketsNamed('Absturz vor dem Senden')).toHaveLength(1);
  }, 60_000);
});
