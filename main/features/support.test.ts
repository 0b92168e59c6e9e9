import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TicketDraft } from '../../common/contract/support';
import { tickets } from '../../portal/db/schema';
import { startPortal, type RunningPortal } from '../../portal/server';
import type { Backend } from '../backend';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { inProcessPortalLauncher } from '../test-support/in-process-portal';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';

const ADMIN = DEMO_ADMIN;
const MiB = 1024 * 1024;

let userDataDir: string;
let backend: Backend;

const { call, failure } = contractCaller(() => backend);

function draft(overrides: Partial<TicketDraft> = {}): TicketDraft {
  return {
    subject: 'Urlaubsanträge lassen sich nicht genehmigen',
    answers: { system: 'production', scope: 'primary-application', impact: 'down', concurrentFaults: 0 },
    area: { kind: 'application', applicationId: null, name: 'Urlaubsantrag' },
    severity: 'critical',
    severityReason: null,
    report: {
      steps: '1. Als Teamleitung in "Urlaubsantrag" anmelden\n2. Offenen Antrag öffnen\n3. "Genehmigen" klicken',
      expected: 'Der Antrag wechselt auf "genehmigt".',
      actual: 'Meldung "Speichern fehlgeschlagen (Sperre)", der Antrag bleibt offen.',
      details: '',
    },
    contact: { name: 'Anna Admin', email: 'anna@muster-gmbh.de', phone: '', availability: 'Mo-Fr 8-18 Uhr' },
    attachmentIds: [],
    unredactedAttachmentIds: [],
    ...overrides,
  };
}

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const soon = () => new Date(Date.now() + 60_000).toISOString();

interface Staged {
  id: string;
  name: string;
  size: number;
  preview: string;
  binary: boolean;
  entries: number | null;
  redaction: { applied: boolean; count: number; kinds: Record<string, number> };
}
interface Versioned {
  etag: string;
  value: { id: string; number: number; status: string; attachments: { id: string; name: string; redaction: { count: number } }[]; comments: unknown[]; firstResponseDueAt: string | null };
}

let harness: TestBackend;

beforeAll(async () => {
  harness = await createTestBackend('support', { embeddedPortal: inProcessPortalLauncher({ environment: 'prod' }) });
  ({ backend, userDataDir } = harness);
  await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...ADMIN, remember: false });
});

afterAll(() => harness?.close());

describe('attachments are redacted and shown before sending', () => {
  it('redacts a text file and reports what it replaced', async () => {
    const log = [
      '2026-03-02 09:14:03 INFO  POST /login user=anna password=Sommer2026! -> 302',
      '2026-03-02 09:14:04 DEBUG Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm5hIn0.c2lnbmF0dXJl',
      '2026-03-02 09:14:05 ERROR jdbc:postgresql://portal:Tr0ub4dor@db.internal:5432/portal refused',
    ].join('\n');
    const staged = await call<Staged>('support:stageFile', { name: 'app.log', contentType: 'text/plain', dataBase64: Buffer.from(log).toString('base64') });
    expect(staged.redaction).toEqual({ applied: true, count: 3, kinds: { password: 1, authorization: 1, 'connection-string': 1 } });
    expect(staged.preview).not.toMatch(/Sommer2026|eyJhbGci|Tr0ub4dor/);
    expect(staged.preview).toContain('password=[REDACTED]');
    expect(staged.binary).toBe(false);
  });

  it('accepts a binary file as it is and says it could not be checked', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const staged = await call<Staged>('support:stageFile', { name: 'screen.png', contentType: 'image/png', dataBase64: png.toString('base64') });
    expect(staged).toMatchObject({ binary: true, size: png.length, preview: '', redaction: { applied: false, count: 0 } });
  });

  it('refuses a file over 10 MiB with a clear size error', async () => {
    const error = await failure('support:stageFile', { name: 'dump.bin', contentType: '', dataBase64: Buffer.alloc(10 * MiB + 1).toString('base64') });
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { name: 'dump.bin', limit: 10 * MiB, size: 10 * MiB + 1 } });
    expect(error.message).toContain('10.0 MiB');
  });

  it('attaches the portal server log of a time range', async () => {
    const staged = await call<Staged>('support:stageServerLog', { from: hourAgo(), to: soon(), level: 'info' });
    expect(staged.name).toMatch(/^portal-server-log_\d{4}-\d{2}-\d{2}T\d{6}Z_.*\.log$/);
    expect(staged.entries).toBeGreaterThan(0);
    expect(staged.preview).toContain('sign-in succeeded');
    expect(staged.preview).toMatch(/INFO {2}POST \/api\/v1\/sessions 201/);
  });

  it('attaches the console log and a diagnostics summary of console and portal', async () => {
    const consoleLog = await call<Staged>('support:stageConsoleLog', { from: hourAgo(), to: soon() });
    expect(consoleLog.preview).toContain('signed in');
    const diagnostics = await call<Staged>('support:stageDiagnostics');
    const summary = JSON.parse(diagnostics.preview);
    expect(summary.console).toMatchObject({ version: '0.0.0-test', shell: 'browser', outboxEntries: 0 });
    expect(summary.portal).toMatchObject({ portal: { name: 'Muster GmbH Portal' }, checks: expect.any(Array) });
  });

  it('attaches the console log even after a crash left half a line, and says what it skipped', async () => {
    await appendFile(join(userDataDir, 'logs', 'console.log'), '{"at":"2026-03-02T09:14:03.000Z","level":"error","mess\n');
    const consoleLog = await call<Staged>('support:stageConsoleLog', { from: hourAgo(), to: soon() });
    expect(consoleLog.preview).toMatch(/^# 1 unreadable line skipped/);
    expect(consoleLog.preview).toContain('signed in');
  });

  it('refuses a range that ends before it starts', async () => {
    expect(await failure('support:stageConsoleLog', { from: soon(), to: hourAgo() })).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('tickets', () => {
  let ticket: Versioned;

  it('files a critical ticket with redacted attachments and its deadline', async () => {
    const file = await call<Staged>('support:stageFile', { name: 'token.txt', contentType: 'text/plain', dataBase64: Buffer.from('api_key=sk_live_abcdefghijklmnop1234').toString('base64') });
    const log = await call<Staged>('support:stageServerLog', { from: hourAgo(), to: soon(), level: 'debug' });
    const result = await call<{ outcome: string; ticket: Versioned }>('support:create', draft({ attachmentIds: [file.id, log.id] }));
    expect(result.outcome).toBe('sent');
    ticket = result.ticket;
    expect(ticket.etag).toMatch(/\.v1"$/);
    expect(ticket.value.attachments.map((a) => a.name)).toEqual(['token.txt', log.name]);
    expect(ticket.value.attachments[0]?.redaction.count).toBe(1);
    expect(ticket.value.firstResponseDueAt).not.toBeNull();
    const text = await call<{ text: string }>('support:attachmentText', { ticketId: ticket.value.id, attachmentId: ticket.value.attachments[0]!.id });
    expect(text.text).toBe('api_key=[REDACTED]');
    // Sent attachments are no longer staged.
    expect(await failure('support:attach', { ticketId: ticket.value.id, attachmentId: file.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('redacts a Windows-1252 log and sends the redacted text as UTF-8', async () => {
    const latin1 = Buffer.from('09:14 Anmeldung Jürgen Müller password=Straße2026! fehlgeschlagen\n', 'latin1');
    const file = await call<Staged & { sourceEncoding: string }>('support:stageFile', { name: 'anmeldung.log', contentType: '', dataBase64: latin1.toString('base64') });
    expect(file).toMatchObject({ binary: false, sourceEncoding: 'windows-1252', redaction: { applied: true, count: 1 } });
    const result = await call<{ ticket: Versioned }>('support:create', draft({ subject: 'Anmeldung mit Umlauten', attachmentIds: [file.id] }));
    const sent = result.ticket.value.attachments[0]!;
    const text = await call<{ text: string; binary: boolean }>('support:attachmentText', { ticketId: result.ticket.value.id, attachmentId: sent.id });
    expect(text).toEqual({ text: '09:14 Anmeldung Jürgen Müller password=[REDACTED] fehlgeschlagen\n', truncated: false, binary: false });
  });

  it('sends a binary file only once the administrator confirmed it goes without redaction', async () => {
    const zip = Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00heapdump', 'latin1');
    const file = await call<Staged>('support:stageFile', { name: 'heap.zip', contentType: 'application/zip', dataBase64: zip.toString('base64') });
    expect(file.binary).toBe(true);
    const refused = await failure('support:create', draft({ subject: 'Mit Binärdatei', attachmentIds: [file.id] }));
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { errors: [{ path: 'attachments', key: 'form.issues.binaryUnconfirmed' }] } });
    expect((refused.details?.errors as { message: string }[])[0]?.message).toContain('heap.zip');
    expect(await call('support:outbox')).toEqual([]);

    const sent = await call<{ outcome: string; ticket: Versioned }>('support:create', draft({ subject: 'Mit Binärdatei', attachmentIds: [file.id], unredactedAttachmentIds: [file.id] }));
    expect(sent.outcome).toBe('sent');
    expect(sent.ticket.value.attachments).toMatchObject([{ name: 'heap.zip', redaction: { count: 0 } }]);

    const another = await call<Staged>('support:stageFile', { name: 'screen.png', contentType: 'image/png', dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]).toString('base64') });
    const ticketId = sent.ticket.value.id;
    expect(await failure('support:attach', { ticketId, attachmentId: another.id })).toMatchObject({ code: 'VALIDATION' });
    const attached = await call<Versioned>('support:attach', { ticketId, attachmentId: another.id, unredactedConfirmed: true });
    expect(attached.value.attachments.map((a) => a.name)).toEqual(['heap.zip', 'screen.png']);
  });

  it('refuses a misclassified ticket before queueing anything, keeping the staged files (report advice never refuses)', async () => {
    const file = await call<Staged>('support:stageFile', { name: 'a.txt', contentType: 'text/plain', dataBase64: Buffer.from('hello').toString('base64') });
    const error = await failure(
      'support:create',
      draft({ answers: { system: 'test', scope: 'primary-application', impact: 'down', concurrentFaults: 0 }, report: { ...draft().report, actual: 'geht nicht' }, attachmentIds: [file.id] }),
    );
    expect(error.code).toBe('VALIDATION');
    expect((error.details?.errors as { key: string }[]).map((e) => e.key)).toEqual([
      'tickets.rules.critical_requires_production',
      'tickets.rules.override_reason_required',
    ]);
    expect(await call('support:outbox')).toEqual([]);
    expect(await call<{ outcome: string }>('support:create', draft({ attachmentIds: [file.id] }))).toMatchObject({ outcome: 'sent' });
  });

  it('lists, reads, comments, attaches, and closes with If-Match (412 shows the current version)', async () => {
    const page = await call<{ items: { id: string }[] }>('support:list', { limit: 10 });
    expect(page.items.map((t) => t.id)).toContain(ticket.value.id);
    const read = await call<Versioned>('support:get', { id: ticket.value.id });
    expect(read.etag).toBe(ticket.etag);

    const commented = await call<Versioned>('support:comment', { ticketId: ticket.value.id, body: 'Tritt auch nach Neustart auf.', idempotencyKey: 'comment-0001' });
    expect(commented.value.comments).toHaveLength(1);
    const note = await call<Staged>('support:stageFile', { name: 'notiz.txt', contentType: 'text/plain', dataBase64: Buffer.from('Cache geleert').toString('base64') });
    const attached = await call<Versioned>('support:attach', { ticketId: ticket.value.id, attachmentId: note.id });
    expect(attached.value.attachments.map((a) => a.name)).toContain('notiz.txt');

    const stale = await failure('support:update', { id: ticket.value.id, ifMatch: ticket.etag, change: { status: 'closed' } });
    expect(stale).toMatchObject({ code: 'PRECONDITION_FAILED', details: { currentEtag: attached.etag, current: { id: ticket.value.id } } });
    const closed = await call<Versioned>('support:update', { id: ticket.value.id, ifMatch: attached.etag, change: { status: 'closed' } });
    expect(closed.value.status).toBe('closed');
  });
});

describe('the outbox while the portal is unreachable', () => {
  let other: RunningPortal;
  let proxy: TcpProxy;
  let profileId: string;

  beforeAll(async () => {
    other = await startPortal({ memory: true, demo: true, environment: 'prod' });
    proxy = await startTcpProxy({ host: '127.0.0.1', port: other.port });
    const profile = await call<{ id: string }>('profiles:create', { name: 'Kunde über Proxy', url: proxy.url, environment: 'prod', pin: other.spki });
    profileId = profile.id;
    await call('session:signIn', { profileId, ...ADMIN, remember: false });
  });

  afterAll(async () => {
    await proxy?.close();
    await other?.close();
  });

  it('queues the ticket on disk, lists it with the reason, and sends it on "send now" once the portal is back', async () => {
    const log = await call<Staged>('support:stageConsoleLog', { from: hourAgo(), to: soon() });
    proxy.mode = 'refuse';
    const result = await call<{ outcome: string; entry: { id: string; state: string; attachmentCount: number; lastError: { code: string } } }>(
      'support:create',
      draft({ subject: 'Eingereicht während der Störung', attachmentIds: [log.id] }),
    );
    expect(result).toMatchObject({ outcome: 'queued', entry: { state: 'pending', attachmentCount: 1, lastError: { code: 'UNREACHABLE' } } });
    expect(await readdir(join(userDataDir, 'outbox'))).toEqual([`${result.entry.id}.json`]);
    const listed = await call<{ id: string; profileName: string; attempts: number }[]>('support:outbox');
    expect(listed).toMatchObject([{ id: result.entry.id, profileName: 'Kunde über Proxy', attempts: 1 }]);

    proxy.mode = 'forward';
    const sent = await call<{ sent: number; entries: unknown[] }>('support:sendOutbox', {});
    expect(sent).toEqual({ sent: 1, entries: [] });
    const page = await call<{ items: { subject: string; attachmentCount: number }[] }>('support:list', {});
    expect(page.items.filter((t) => t.subject === 'Eingereicht während der Störung')).toMatchObject([{ attachmentCount: 1 }]);
    expect(await readdir(join(userDataDir, 'outbox'))).toEqual([]);
    expect(profileId).toBeTruthy();
  });

  it('lets the administrator discard a queued ticket', async () => {
    proxy.mode = 'refuse';
    const result = await call<{ entry: { id: string } }>('support:create', draft({ subject: 'Wird verworfen' }));
    await call('support:discardOutbox', { id: result.entry.id });
    expect(await call('support:outbox')).toEqual([]);
    proxy.mode = 'forward';
  });

  it('adds a comment and an attachment exactly once when the answer was lost and the user retries', async () => {
    const created = await call<{ ticket: Versioned }>('support:create', draft({ subject: 'Kommentar nach Verbindungsabbruch' }));
    const ticketId = created.ticket.value.id;
    // Over 2 KiB, so the test proxy drops the portal's answer (see tcp-proxy.ts).
    const body = `Nach dem Neustart tritt der Fehler wieder auf. ${'Details aus dem Protokoll. '.repeat(90)}`;
    const note = await call<Staged>('support:stageFile', { name: 'protokoll.txt', contentType: 'text/plain', dataBase64: Buffer.from(body).toString('base64') });

    proxy.mode = 'drop-responses';
    await failure('support:comment', { ticketId, body, idempotencyKey: 'comment-lost-answer' });
    await failure('support:attach', { ticketId, attachmentId: note.id });
    proxy.mode = 'forward';
    const commented = await call<Versioned>('support:comment', { ticketId, body, idempotencyKey: 'comment-lost-answer' });
    const attached = await call<Versioned>('support:attach', { ticketId, attachmentId: note.id });

    expect(commented.value.comments).toHaveLength(1);
    expect(attached.value.comments).toHaveLength(1);
    expect(attached.value.attachments.map((a) => a.name)).toEqual(['protokoll.txt']);
    const another = await call<Versioned>('support:comment', { ticketId, body, idempotencyKey: 'comment-second-one' });
    expect(another.value.comments).toHaveLength(2);
    expect(await failure('support:comment', { ticketId, body: 'kurz', idempotencyKey: 'short' })).toMatchObject({ code: 'VALIDATION' });
  });

  it('takes a ticket written without sign-in while the portal is down, and sends it after the next sign-in', async () => {
    await call('session:signOut');
    proxy.mode = 'refuse';
    expect(await failure('session:signIn', { profileId, ...ADMIN, remember: false })).toMatchObject({ code: 'UNREACHABLE' });

    const log = await call<Staged>('support:stageConsoleLog', { from: hourAgo(), to: soon() });
    const diagnostics = await call<Staged>('support:stageDiagnostics', { profileId });
    expect(JSON.parse(diagnostics.preview).portal).toMatchObject({
      signedIn: false,
      profile: { name: 'Kunde über Proxy', url: proxy.url },
      unavailable: { code: 'UNREACHABLE' },
    });
    const subject = 'Produktivportal seit 7 Uhr nicht erreichbar';
    const entry = await call<{ id: string; state: string; profileName: string; attempts: number; attachmentCount: number }>(
      'support:queueOffline',
      { ...draft({ subject, attachmentIds: [log.id, diagnostics.id] }), profileId },
    );
    expect(entry).toMatchObject({ state: 'waiting-for-sign-in', profileName: 'Kunde über Proxy', attempts: 0, attachmentCount: 2 });
    const onDisk = JSON.parse(await readFile(join(userDataDir, 'outbox', `${entry.id}.json`), 'utf8'));
    expect(onDisk).toMatchObject({ id: entry.id, profileId, request: { subject } });

    proxy.mode = 'forward';
    await call('session:signIn', { profileId, ...ADMIN, remember: false });
    await vi.waitFor(async () => expect(await call('support:outbox')).toEqual([]), { timeout: 15_000, interval: 250 });
    const arrived = await other.db.select({ key: tickets.idempotencyKey }).from(tickets).where(eq(tickets.subject, subject));
    expect(arrived).toEqual([{ key: entry.id }]);
  });

  it('checks an offline ticket like any other before it is queued', async () => {
    const error = await failure('support:queueOffline', { ...draft({ answers: { system: 'test', scope: 'whole-portal', impact: 'down', concurrentFaults: 0 } }), profileId });
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect(await failure('support:queueOffline', { ...draft(), profileId: 'no-such-profile' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('support:outbox')).toEqual([]);
  });
});
