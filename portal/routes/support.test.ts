import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketCreate } from '../../common/portal-api/support';
import { startTestPortal, type TestPortal } from '../test-support';

/** Friday 16 January 2026, 16:30 CET: a critical ticket on Professional is due Monday 10:30 CET. */
let clock = new Date('2026-01-16T15:30:00.000Z');
let portal: TestPortal;
let token: string;

const MiB = 1024 * 1024;

function attachment(name: string, content: Buffer | string, kind: 'server-log' | 'file' = 'file') {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return {
    name,
    kind,
    contentType: 'text/plain',
    contentBase64: bytes.toString('base64'),
    redaction: { applied: true, count: 1, kinds: { password: 1 } },
  };
}

function ticket(overrides: Partial<TicketCreate> = {}): TicketCreate {
  return {
    subject: 'Portal nach Update nicht erreichbar',
    answers: { system: 'production', scope: 'whole-portal', impact: 'down', concurrentFaults: 0 },
    area: { kind: 'portal' },
    severity: 'critical',
    severityReason: null,
    report: {
      steps: '1. https://portal.muster-gmbh.de aufrufen\n2. Mit einem beliebigen Konto anmelden',
      expected: 'Die Startseite des Portals erscheint.',
      actual: 'Nach der Anmeldung erscheint "503 Service Unavailable" für alle Benutzer.',
      details: 'Seit dem Update heute 16:10 Uhr.',
    },
    contact: { name: 'Anna Admin', email: 'anna.admin@muster-gmbh.de', phone: '+49 711 123456', availability: 'Mo-Fr 8-18 Uhr' },
    attachments: [],
    ...overrides,
  };
}

/** Moves the portal's clock; sessions expire, so sign in again at the new time. */
async function moveClockTo(iso: string): Promise<void> {
  clock = new Date(iso);
  token = await portal.signInAdmin();
}

const key = (suffix: string) => `test-key-${suffix}-0123456789`;

async function create(body: unknown, idempotencyKey?: string) {
  return portal.request('POST', '/api/v1/tickets', {
    token,
    body,
    headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
  });
}

async function createOk(body: TicketCreate = ticket()) {
  const response = await create(body, key(Math.random().toString(36).slice(2)));
  expect(response.status, response.text).toBe(201);
  return { id: response.json().id as string, etag: String(response.headers.etag) };
}

beforeAll(async () => {
  portal = await startTestPortal({ now: () => clock });
  token = await portal.signInAdmin();
});

afterAll(async () => {
  await portal?.close();
});

describe('POST /tickets', () => {
  it('files a ticket with its deadline from the support package, an ETag and an audit entry', async () => {
    const log = 'POST /login user=anna password=[REDACTED] 200\n';
    const response = await create(ticket({ attachments: [attachment('server.log', log, 'server-log')] }), key('first'));
    expect(response.status, response.text).toBe(201);
    expect(response.headers.etag).toMatch(/^"[0-9a-f-]{36}\.v1"$/);
    const body = response.json();
    expect(response.headers.location).toBe(`/api/v1/tickets/${body.id}`);
    expect(body).toMatchObject({
      number: expect.any(Number),
      status: 'open',
      severity: 'critical',
      proposedSeverity: 'critical',
      system: 'production',
      supportPackage: 'professional',
      firstResponseDueAt: '2026-01-19T09:30:00.000Z',
      responseClock: 'support-hours',
      createdBy: 'admin',
      attachmentCount: 1,
      commentCount: 0,
    });
    expect(body.attachments[0]).toMatchObject({
      name: 'server.log',
      kind: 'server-log',
      size: Buffer.byteLength(log),
      sha256: createHash('sha256').update(log).digest('hex'),
      redaction: { applied: true, count: 1 },
    });
    const audit = await portal.request('GET', '/api/v1/audit?limit=5', { token });
    expect(audit.json().items.find((entry: { action: string }) => entry.action === 'ticket.create')).toMatchObject({
      actorLogin: 'admin',
      targetType: 'ticket',
      targetId: body.id,
      after: { severity: 'critical', attachments: ['server.log'] },
    });
  });

  it('answers a resend under the same Idempotency-Key with the first ticket instead of a second one', async () => {
    const body = ticket({ subject: 'Doppelt gesendet nach Absturz' });
    const first = await create(body, key('resend'));
    const second = await create(body, key('resend'));
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    const list = await portal.request('GET', '/api/v1/tickets?limit=100', { token });
    expect(list.json().items.filter((t: { subject: string }) => t.subject === body.subject)).toHaveLength(1);
  });

  it('gives exactly one ticket when the same request races itself', async () => {
    const body = ticket({ subject: 'Gleichzeitig gesendet' });
    const answers = await Promise.all([create(body, key('race')), create(body, key('race')), create(body, key('race'))]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
  });

  it('refuses a key reused for a different request (422)', async () => {
    await create(ticket({ subject: 'Erste Meldung mit Schlüssel' }), key('reuse'));
    const response = await create(ticket({ subject: 'Andere Meldung, gleicher Schlüssel' }), key('reuse'));
    expect(response.status).toBe(422);
    expect(response.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it.each<[string, Partial<TicketCreate>, string[]]>([
    ['critical on a test system', { answers: { system: 'test', scope: 'whole-portal', impact: 'down', concurrentFaults: 0 } }, ['severity', 'severityReason']],
    ['another severity without a reason', { severity: 'major' }, ['severityReason']],
    ['an area that does not fit the scope', { area: { kind: 'process', name: 'Rechnungsfreigabe' } }, ['area']],
  ])('refuses %s with 400 and the fields to fix', async (_name, overrides, paths) => {
    const response = await create(ticket(overrides), key(`rules-${paths.join('-')}`));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('ticket_rules_violated');
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(paths);
  });

  // Service description 6.2: "Der Kunde meldet Störungen unverzüglich nach ihrem Auftreten über das Intrex Support Center".
  // The report-quality rules advise on "so genau ..., dass United Planet zielgerichtet mit der Fehlerbeseitigung beginnen
  // kann"; they never refuse a ticket, least of all a clear critical one without numbered steps.
  it.each<[string, TicketCreate['report']]>([
    [
      'a clear critical report without numbered steps ("nginx answers 502 since 10:14 ...")',
      {
        steps: 'nginx answers 502 since 10:14 for every page of the portal, the login page included.',
        expected: 'The portal answers with its pages.',
        actual: 'nginx answers 502 Bad Gateway since 10:14 on every URL.',
        details: '',
      },
    ],
    ['a report that only says "geht nicht"', { steps: 'Portal aufrufen', expected: 'geht', actual: 'Geht nicht!!!', details: '' }],
  ])('files %s (report advice never refuses)', async (_name, report) => {
    const response = await create(ticket({ report }), key(`advice-${report.steps.length}`));
    expect(response.status).toBe(201);
    expect(response.json()).toMatchObject({ severity: 'critical', report });
  });

  it.each<[string, unknown, string]>([
    ['a missing subject', { ...ticket(), subject: undefined }, 'subject'],
    ['contact without e-mail or phone', { ...ticket(), contact: { name: 'A', email: '', phone: '', availability: 'immer' } }, 'contact.email'],
    ['an attachment that is not base64', { ...ticket(), attachments: [{ ...attachment('a.txt', 'x'), contentBase64: 'not base64!' }] }, 'attachments.0.contentBase64'],
  ])('answers %s with a validation problem', async (_name, body, path) => {
    const response = await create(body, key(`shape-${path}`));
    expect(response.status).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses an invalid Idempotency-Key', async () => {
    const response = await create(ticket(), 'short');
    expect(response.status).toBe(400);
    expect(response.json().code).toBe('invalid_idempotency_key');
  });

  it('refuses a file over 10 MiB with 413 problem+json naming the file', async () => {
    const response = await create(ticket({ attachments: [attachment('heap.dump', Buffer.alloc(10 * MiB + 1, 1))] }), key('big-file'));
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'attachment_too_large', detail: expect.stringContaining('heap.dump') });
  });

  it('refuses a body beyond every limit with 413 before reading it', async () => {
    const huge = 'A'.repeat(36 * MiB);
    const response = await create({ ...ticket(), attachments: [{ ...attachment('x', 'x'), contentBase64: huge }] }, key('huge-body'));
    expect(response.status).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
  });

  it('needs a session', async () => {
    const response = await portal.request('POST', '/api/v1/tickets', { body: ticket() });
    expect(response.status).toBe(401);
  });
});

describe('GET /tickets', () => {
  it('lists newest first with a cursor and filters by status', async () => {
    await moveClockTo('2026-01-19T08:00:00.000Z');
    const older = await createOk(ticket({ subject: 'Listentest älter' }));
    await moveClockTo('2026-01-19T08:05:00.000Z');
    const newer = await createOk(ticket({ subject: 'Listentest neuer', attachments: [attachment('a.log', 'a'), attachment('b.log', 'b')] }));
    const first = await portal.request('GET', '/api/v1/tickets?limit=1', { token });
    expect(first.json().items.map((t: { id: string }) => t.id)).toEqual([newer.id]);
    expect(first.json().items[0]).toMatchObject({ attachmentCount: 2, commentCount: 0 });
    const second = await portal.request('GET', `/api/v1/tickets?limit=1&cursor=${first.json().nextCursor}`, { token });
    expect(second.json().items.map((t: { id: string }) => t.id)).toEqual([older.id]);
    expect((await portal.request('GET', '/api/v1/tickets?status=closed', { token })).json().items).toEqual([]);
    expect((await portal.request('GET', '/api/v1/tickets?cursor=garbage', { token })).status).toBe(400);
  });
});

describe('GET /tickets/:id', () => {
  it('answers 404 for an unknown ticket and 400 for a malformed id', async () => {
    expect((await portal.request('GET', '/api/v1/tickets/0190a5c4-0000-7000-8000-000000000000', { token })).status).toBe(404);
    expect((await portal.request('GET', '/api/v1/tickets/42', { token })).status).toBe(400);
  });
});

describe('PATCH /tickets/:id', () => {
  it('needs If-Match (428), refuses a stale one with both versions (412), then closes and audits', async () => {
    const { id, etag } = await createOk();
    const patch = (body: unknown, ifMatch?: string) =>
      portal.request('PATCH', `/api/v1/tickets/${id}`, { token, body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });
    expect((await patch({ status: 'closed' })).status).toBe(428);
    const stale = await patch({ status: 'closed' }, `"${id}.v0"`);
    expect(stale.status).toBe(412);
    expect(stale.json()).toMatchObject({ current: { id, status: 'open' }, currentEtag: etag });
    const closed = await patch({ status: 'closed' }, etag);
    expect(closed.status).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: clock.toISOString() });
    expect(closed.headers.etag).not.toBe(etag);
    const audit = await portal.request('GET', '/api/v1/audit?limit=3', { token });
    expect(audit.json().items[0]).toMatchObject({ action: 'ticket.update', before: { status: 'open' }, after: { status: 'closed' } });
  });

  it('reclassifies with a reason and moves the deadline; refuses critical for non-production', async () => {
    await moveClockTo('2026-01-19T08:00:00.000Z');
    const { id, etag } = await createOk();
    const withoutReason = await portal.request('PATCH', `/api/v1/tickets/${id}`, { token, body: { severity: 'major' }, headers: { 'if-match': etag } });
    expect(withoutReason.status).toBe(400);
    const lowered = await portal.request('PATCH', `/api/v1/tickets/${id}`, {
      token,
      body: { severity: 'major', severityReason: 'Umgehung gefunden, nur Vertrieb betroffen' },
      headers: { 'if-match': etag },
    });
    expect(lowered.status).toBe(200);
    // Monday 09:00 CET + 8 support hours (major on Professional) = 17:00 CET.
    expect(lowered.json()).toMatchObject({ severity: 'major', firstResponseDueAt: '2026-01-19T16:00:00.000Z' });

    const testTicket = await createOk(
      ticket({ answers: { system: 'test', scope: 'whole-portal', impact: 'down', concurrentFaults: 0 }, severity: 'other' }),
    );
    const critical = await portal.request('PATCH', `/api/v1/tickets/${testTicket.id}`, {
      token,
      body: { severity: 'critical', severityReason: 'Go-live morgen früh um acht' },
      headers: { 'if-match': testTicket.etag },
    });
    expect(critical.status).toBe(400);
    expect(critical.json().errors.map((e: { path: string }) => e.path)).toEqual(['severity']);
  });

  it('answers 404 for an unknown ticket', async () => {
    const response = await portal.request('PATCH', '/api/v1/tickets/0190a5c4-0000-7000-8000-000000000000', {
      token,
      body: { status: 'closed' },
      headers: { 'if-match': '*' },
    });
    expect(response.status).toBe(404);
  });
});

describe('comments and attachments', () => {
  it('adds a comment (idempotently) and changes the ETag', async () => {
    const { id, etag } = await createOk();
    const send = () =>
      portal.request('POST', `/api/v1/tickets/${id}/comments`, { token, body: { body: 'Nach Neustart erneut aufgetreten.' }, headers: { 'idempotency-key': key('comment') } });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.headers.etag).not.toBe(etag);
    expect(first.json().comments).toMatchObject([{ body: 'Nach Neustart erneut aufgetreten.', authorLogin: 'admin', authorName: 'Administrator' }]);
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.json().comments).toHaveLength(1);
    expect((await portal.request('POST', `/api/v1/tickets/${id}/comments`, { token, body: { body: '   ' } })).status).toBe(400);
  });

  it('adds an attachment, serves its bytes, and enforces 25 MiB per ticket', async () => {
    const nine = Buffer.alloc(9 * MiB, 65);
    const { id } = await createOk(ticket({ attachments: [attachment('a.log', nine), attachment('b.log', nine)] }));
    const third = await portal.request('POST', `/api/v1/tickets/${id}/attachments`, { token, body: attachment('c.log', nine) });
    expect(third.status).toBe(413);
    expect(third.json()).toMatchObject({ code: 'ticket_attachments_too_large' });

    const small = await portal.request('POST', `/api/v1/tickets/${id}/attachments`, { token, body: attachment('notes.txt', 'Notiz: Cache geleert') });
    expect(small.status).toBe(201);
    const added = small.json().attachments.find((a: { name: string }) => a.name === 'notes.txt');
    const content = await portal.request('GET', `/api/v1/tickets/${id}/attachments/${added.id}`, { token });
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(content.headers['content-disposition']).toContain('notes.txt');
    expect(content.text).toBe('Notiz: Cache geleert');
    const elsewhere = await createOk();
    expect((await portal.request('GET', `/api/v1/tickets/${elsewhere.id}/attachments/${added.id}`, { token })).status).toBe(404);
  });

  it('adds an attachment once under one Idempotency-Key and refuses the key for another file (422)', async () => {
    const { id } = await createOk();
    const send = (name: string) =>
      portal.request('POST', `/api/v1/tickets/${id}/attachments`, { token, body: attachment(name, 'Cache geleert'), headers: { 'idempotency-key': key('attachment') } });
    expect((await send('notiz.txt')).status).toBe(201);
    const again = await send('notiz.txt');
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().attachments.map((a: { name: string }) => a.name)).toEqual(['notiz.txt']);
    const other = await send('andere.txt');
    expect(other.status).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
  });

  it('refuses additions to a closed ticket with 409', async () => {
    const { id, etag } = await createOk();
    await portal.request('PATCH', `/api/v1/tickets/${id}`, { token, body: { status: 'closed' }, headers: { 'if-match': etag } });
    const comment = await portal.request('POST', `/api/v1/tickets/${id}/comments`, { token, body: { body: 'Noch etwas' } });
    expect(comment.status).toBe(409);
    expect(comment.json().code).toBe('ticket_closed');
  });
});

describe('GET /support/areas', () => {
  it('lists the portal applications by name', async () => {
    const response = await portal.request('GET', '/api/v1/support/areas', { token });
    const names = response.json().applications.map((a: { name: string }) => a.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('CRM');
  });
});

describe('GET /logs', () => {
  const allMessages = [
    'POST /api/v1/sessions 201',
    'sign-in succeeded',
    'POST /api/v1/sessions 401',
    'sign-in refused',
    'GET /api/v1/tickets 200',
  ];
  const range = (from: string, to: string, extra = '') => `/api/v1/logs?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`;

  it('serves request lines and sign-ins of a time range, without query strings or passwords', async () => {
    await moveClockTo('2026-02-02T10:00:00.000Z');
    await portal.request('POST', '/api/v1/sessions', { body: { login: 'admin', password: 'wrong-password-1' } });
    await portal.request('GET', '/api/v1/tickets?token=s3cr3t-query-value', { token });
    await moveClockTo('2026-02-02T10:05:00.000Z');
    const response = await portal.request('GET', range('2026-02-02T09:59:00Z', '2026-02-02T10:01:00Z'), { token });
    expect(response.status).toBe(200);
    const items = response.json().items as { level: string; message: string; context?: Record<string, unknown> }[];
    expect(items.map((e) => e.message)).toEqual(allMessages);
    expect(items[1]).toMatchObject({ level: 'info', context: { login: 'admin' } });
    expect(items[3]).toMatchObject({ level: 'warn', context: { login: 'admin', reason: 'wrong login or password' } });
    expect(items[4]?.context).toMatchObject({ actor: 'admin', status: 200 });
    expect(response.text).not.toContain('s3cr3t-query-value');
    expect(response.text).not.toContain('wrong-password-1');
  });

  it('filters by level and pages with a cursor', async () => {
    const warnings = await portal.request('GET', range('2026-02-02T09:59:00Z', '2026-02-02T10:01:00Z', '&level=warn'), { token });
    expect(warnings.json().items.map((e: { level: string }) => e.level)).toEqual(['warn', 'warn']);
    const pages: string[][] = [];
    let cursor = '';
    do {
      const page = await portal.request('GET', range('2026-02-02T09:59:00Z', '2026-02-02T10:01:00Z', `&limit=2${cursor}`), { token });
      pages.push(page.json().items.map((e: { message: string }) => e.message));
      cursor = page.json().nextCursor === null ? '' : `&cursor=${page.json().nextCursor}`;
    } while (cursor !== '');
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(allMessages);
  });

  it.each([
    ['the request path, ignoring case', '&contains=SESSIONS', ['POST /api/v1/sessions 201', 'POST /api/v1/sessions 401']],
    ['a context value', '&contains=wrong%20login', ['sign-in refused']],
    ['a text with the level', '&contains=sign-in&level=warn', ['sign-in refused']],
    ['no match', '&contains=nothing-like-this', []],
    ['an empty text as no filter', '&contains=%20', allMessages],
  ])('filters by contained text: %s', async (_name, extra, expected) => {
    const response = await portal.request('GET', range('2026-02-02T09:59:00Z', '2026-02-02T10:01:00Z', extra), { token });
    expect(response.status).toBe(200);
    expect(response.json().items.map((e: { message: string }) => e.message)).toEqual(expected);
  });

  it.each([
    ['a text over 200 characters', range('2026-02-02T09:00:00Z', '2026-02-02T10:00:00Z', `&contains=${'x'.repeat(201)}`), 'validation_failed'],
    ['from after to', range('2026-02-02T11:00:00Z', '2026-02-02T10:00:00Z'), 'invalid_range'],
    ['no range', '/api/v1/logs', 'validation_failed'],
    ['an unknown level', range('2026-02-02T09:00:00Z', '2026-02-02T10:00:00Z', '&level=fatal'), 'validation_failed'],
    ['a bad cursor', range('2026-02-02T09:00:00Z', '2026-02-02T10:00:00Z', '&cursor=xyz'), 'invalid_cursor'],
  ])('answers %s with 400', async (_name, url, code) => {
    const response = await portal.request('GET', url, { token });
    expect(response.status).toBe(400);
    expect(response.json().code).toBe(code);
  });
});

describe('GET /diagnostics', () => {
  it('summarises versions, database, counts and health', async () => {
    const response = await portal.request('GET', '/api/v1/diagnostics', { token });
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      portal: { name: 'Muster GmbH Portal', supportPackage: 'professional' },
      runtime: { node: process.version },
      database: { server: expect.stringContaining('PostgreSQL'), migrationsApplied: expect.any(Number) },
      counts: { users: 50, openTickets: expect.any(Number) },
      serverLog: { persistent: false, warningsLastHour: expect.any(Number) },
    });
    expect(body.counts.openTickets).toBeGreaterThan(0);
    expect(body.checks.map((c: { name: string }) => c.name)).toEqual(['database', 'server-errors', 'memory']);
    expect(body.checks[0].status).not.toBe('fail');
  });

  it('needs a session', async () => {
    expect((await portal.request('GET', '/api/v1/diagnostics')).status).toBe(401);
  });
});
