import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseClockState } from '../../common/domain/ticket-clock';
import { DESK_API_PREFIX } from '../../common/portal-api/desk';
import type { Ticket, TicketCreate } from '../../common/portal-api/support';
import { startTestPortal, type TestPortal, type TestResponse } from '../test-support';

/** Friday 16 January 2026, 16:30 CET: a critical ticket on Professional (< 2 h in support hours) is due Monday 10:30 CET. */
const FILED = '2026-01-16T15:30:00.000Z';
const DUE = '2026-01-19T09:30:00.000Z';

let clock = new Date(FILED);
let portal: TestPortal;
let admin: string;
let agent: string;
const AGENT = { login: 'desk.anna', displayName: 'Anna Desk', password: 'Desk-Agent-Test-2026' };

function ticket(subject: string, overrides: Partial<TicketCreate> = {}): TicketCreate {
  return {
    subject,
    answers: { system: 'production', scope: 'whole-portal', impact: 'down', concurrentFaults: 0 },
    area: { kind: 'portal' },
    severity: 'critical',
    severityReason: null,
    report: { steps: '1. Portal aufrufen', expected: 'Startseite', actual: '503 für alle Benutzer', details: 'Seit 16:10 Uhr.' },
    contact: { name: 'Anna Admin', email: 'anna.admin@muster-gmbh.de', phone: '', availability: 'Mo-Fr 8-18 Uhr' },
    attachments: [],
    ...overrides,
  };
}

async function file(body: TicketCreate): Promise<Ticket> {
  const response = await portal.request('POST', '/api/v1/tickets', { token: admin, body });
  expect(response.status, response.text).toBe(201);
  return response.json<Ticket>();
}

function desk(method: string, path: string, options: { body?: unknown; ifMatch?: string; token?: string } = {}): Promise<TestResponse> {
  return portal.request(method, `${DESK_API_PREFIX}${path}`, {
    token: options.token ?? agent,
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.ifMatch === undefined ? {} : { headers: { 'if-match': options.ifMatch } }),
  });
}

async function signInAgent(): Promise<string> {
  const response = await portal.request('POST', `${DESK_API_PREFIX}/sessions`, { body: { login: AGENT.login, password: AGENT.password } });
  expect(response.status, response.text).toBe(201);
  return response.json<{ token: string }>().token;
}

/** Moves the clocks; sessions last 8 h, so both sides sign in again at the new time. */
async function moveClockTo(iso: string): Promise<void> {
  clock = new Date(iso);
  admin = await portal.signInAdmin();
  agent = await signInAgent();
}

async function auditActions(): Promise<{ action: string; actorLogin: string | null; targetId: string | null; after: Record<string, unknown> | null }[]> {
  return (await portal.request('GET', '/api/v1/audit?limit=200', { token: admin })).json().items;
}

beforeAll(async () => {
  portal = await startTestPortal({ now: () => clock });
  admin = await portal.signInAdmin();
  const created = await portal.request('POST', '/api/v1/support/agents', { token: admin, body: AGENT });
  expect(created.status, created.text).toBe(201);
  agent = await signInAgent();
});

afterAll(async () => {
  await portal?.close();
});

describe('agent accounts', () => {
  it('are created by the admin API (no duplicates, a 12-character password at least) and listed', async () => {
    const duplicate = await portal.request('POST', '/api/v1/support/agents', { token: admin, body: { ...AGENT, login: 'DESK.ANNA' } });
    expect(duplicate.status).toBe(409);
    const weak = await portal.request('POST', '/api/v1/support/agents', { token: admin, body: { ...AGENT, login: 'desk.weak', password: 'short' } });
    expect(weak.status).toBe(400);
    const list = await portal.request('GET', '/api/v1/support/agents', { token: admin });
    expect(list.json().items.map((item: { login: string }) => item.login)).toEqual(expect.arrayContaining(['desk.anna', 'support']));
    expect(list.text).not.toContain('Desk-Agent-Test-2026');
  });

  it('sign in with their own password (a wrong one is refused and audited) and sign out', async () => {
    const wrong = await portal.request('POST', `${DESK_API_PREFIX}/sessions`, { body: { login: AGENT.login, password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    const token = await signInAgent();
    expect((await desk('DELETE', '/sessions/current', { token })).status).toBe(204);
    expect((await desk('GET', '/tickets', { token })).status).toBe(401);
    const actions = await auditActions();
    expect(actions.find((entry) => entry.action === 'desk.session.login_failed')).toMatchObject({ actorLogin: 'desk:desk.anna', after: { reason: 'wrong_password' } });
    expect(actions.some((entry) => entry.action === 'desk.session.logout' && entry.actorLogin === 'desk:desk.anna')).toBe(true);
  });
});

describe('who may use which API', () => {
  it('refuses an administrator on the desk (403), an agent on the admin API (401), and anyone without a session (401)', async () => {
    const adminOnDesk = await desk('GET', '/tickets', { token: admin });
    expect(adminOnDesk.status).toBe(403);
    expect(adminOnDesk.json()).toMatchObject({ code: 'not_agent' });
    expect((await portal.request('GET', '/api/v1/tickets', { token: agent })).status).toBe(401);
    expect((await portal.request('POST', '/api/v1/support/agents', { token: agent, body: { ...AGENT, login: 'desk.evil' } })).status).toBe(401);
    expect((await portal.request('GET', `${DESK_API_PREFIX}/tickets`)).status).toBe(401);
    // An agent's credentials open no admin session either.
    expect((await portal.request('POST', '/api/v1/sessions', { body: { login: AGENT.login, password: AGENT.password } })).status).toBe(401);
  });
});

describe('the first response', () => {
  /*
   * Service description 6.3: "United Planet wird auf ein Ticket, das den Anforderungen gemäß Ziffer 6.2 entspricht,
   * unter Berücksichtigung der Support Stufen gemäß Ziffer 6.1 innerhalb der Supportzeiten eine erste Rückmeldung
   * geben" - the first agent message is that "erste Rückmeldung"; at the deadline itself it is in time.
   */
  it('is the first agent answer: it stops the clock, and one given exactly at the deadline is met', async () => {
    await moveClockTo(FILED);
    const filed = await file(ticket('Portal steht: 503 nach Update (rechtzeitig beantwortet)'));
    expect(filed.firstResponseDueAt).toBe(DUE);

    await moveClockTo(DUE);
    const answered = await desk('POST', `/tickets/${filed.id}/answers`, { body: { body: 'Wir sehen uns das sofort an.' } });
    expect(answered.status, answered.text).toBe(201);
    expect(answered.json<Ticket>()).toMatchObject({ status: 'in-progress', firstResponseAt: DUE });

    const seen = (await portal.request('GET', `/api/v1/tickets/${filed.id}`, { token: admin })).json<Ticket>();
    expect(seen.comments.at(-1)).toMatchObject({ authorKind: 'agent', kind: 'message', authorLogin: 'desk.anna', authorName: 'Anna Desk', readAt: null });
    expect(seen.unreadCount).toBe(1);
    const state = responseClockState(
      { dueAt: new Date(seen.firstResponseDueAt!), clock: seen.responseClock, firstResponseAt: new Date(seen.firstResponseAt!), closedAt: null },
      new Date('2026-01-20T12:00:00Z'),
    );
    expect(state).toMatchObject({ kind: 'stopped', met: true });

    // A later answer does not move the first response.
    await moveClockTo('2026-01-19T13:00:00.000Z');
    const again = await desk('POST', `/tickets/${filed.id}/answers`, { body: { body: 'Ursache gefunden.' } });
    expect(again.json<Ticket>().firstResponseAt).toBe(DUE);
    const audit = (await auditActions()).find((entry) => entry.action === 'desk.ticket.answer' && entry.targetId === filed.id && entry.after?.firstResponseAt !== undefined);
    expect(audit).toMatchObject({ actorLogin: 'desk:desk.anna', after: { firstResponseAt: DUE, status: 'in-progress' } });
  });

  it('is missed when the first answer comes one minute after the deadline', async () => {
    await moveClockTo(FILED);
    const filed = await file(ticket('Portal steht: 503 nach Update (zu spät beantwortet)'));
    await moveClockTo('2026-01-19T09:31:00.000Z');
    const answered = (await desk('POST', `/tickets/${filed.id}/info-requests`, { body: { body: 'Welche Version läuft?' } })).json<Ticket>();
    expect(answered).toMatchObject({ status: 'waiting-for-customer', firstResponseAt: '2026-01-19T09:31:00.000Z' });
    const state = responseClockState(
      { dueAt: new Date(answered.firstResponseDueAt!), clock: answered.responseClock, firstResponseAt: new Date(answered.firstResponseAt!), closedAt: null },
      clock,
    );
    expect(state).toMatchObject({ kind: 'stopped', met: false });
  });
});

describe('the conversation', () => {
  it('waits for the customer after a request for information; the administrator reply gives it back to the desk', async () => {
    const filed = await file(ticket('Anmeldung schlägt fehl', { answers: { system: 'test', scope: 'question', impact: 'none', concurrentFaults: 0 }, severity: 'other' }));
    const asked = await desk('POST', `/tickets/${filed.id}/info-requests`, { body: { body: 'Bitte senden Sie das Server-Log von 10 bis 11 Uhr.' } });
    expect(asked.json<Ticket>()).toMatchObject({ status: 'waiting-for-customer' });
    expect(asked.json<Ticket>().comments.at(-1)).toMatchObject({ kind: 'info-request', authorKind: 'agent' });

    const reply = await portal.request('POST', `/api/v1/tickets/${filed.id}/comments`, { token: admin, body: { body: 'Log hängt an.' } });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.json<Ticket>()).toMatchObject({ status: 'in-progress' });
    expect(reply.json<Ticket>().comments.at(-1)).toMatchObject({ authorKind: 'admin', kind: 'message', readAt: expect.any(String) });
    const queue = await desk('GET', '/tickets?status=in-progress');
    expect(queue.json().items.map((item: { id: string }) => item.id)).toContain(filed.id);
  });

  it('marks agent messages read and unread for the administrators, and the activity poll answers 304 until something changes', async () => {
    const filed = await file(ticket('Lesemarken', { answers: { system: 'dev', scope: 'question', impact: 'none', concurrentFaults: 0 }, severity: 'other' }));
    await desk('POST', `/tickets/${filed.id}/answers`, { body: { body: 'Erste Antwort' } });
    const first = await portal.request('GET', '/api/v1/support/activity', { token: admin });
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect(first.json().unreadTickets).toEqual(expect.arrayContaining([{ id: filed.id, number: filed.number, unread: 1 }]));
    const unchanged = await portal.request('GET', '/api/v1/support/activity', { token: admin, headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');

    const read = await portal.request('PUT', `/api/v1/tickets/${filed.id}/read`, { token: admin, body: { read: true } });
    expect(read.status, read.text).toBe(200);
    expect(read.json<Ticket>().unreadCount).toBe(0);
    const afterRead = await portal.request('GET', '/api/v1/support/activity', { token: admin, headers: { 'if-none-match': etag } });
    expect(afterRead.status).toBe(200);
    expect(afterRead.json().unreadTickets.map((item: { id: string }) => item.id)).not.toContain(filed.id);

    const messageId = read.json<Ticket>().comments[0]!.id;
    const unread = await portal.request('PUT', `/api/v1/tickets/${filed.id}/read`, { token: admin, body: { read: false, messageIds: [messageId] } });
    expect(unread.json<Ticket>().unreadCount).toBe(1);
    const foreign = await portal.request('PUT', `/api/v1/tickets/${filed.id}/read`, { token: admin, body: { read: true, messageIds: [filed.id] } });
    expect(foreign.status).toBe(404);
    expect((await auditActions()).some((entry) => entry.action === 'ticket.messages_read' && entry.targetId === filed.id)).toBe(true);

    await desk('POST', `/tickets/${filed.id}/answers`, { body: { body: 'Zweite Antwort' } });
    const afterAnswer = await portal.request('GET', '/api/v1/support/activity', { token: admin, headers: { 'if-none-match': String(afterRead.headers.etag) } });
    expect(afterAnswer.status).toBe(200);
    expect(afterAnswer.json().unreadTickets).toEqual(expect.arrayContaining([{ id: filed.id, number: filed.number, unread: 2 }]));
  });
});

describe('the queue and status changes', () => {
  it('lists the most severe and most urgent first, and leaves solved and closed tickets out by default', async () => {
    const queue = (await desk('GET', '/tickets?limit=500')).json<{ items: Ticket[]; total: number }>();
    const rank = { critical: 0, major: 1, other: 2 } as const;
    const ranks = queue.items.map((item) => rank[item.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const critical = queue.items.filter((item) => item.severity === 'critical' && item.firstResponseDueAt !== null).map((item) => Date.parse(item.firstResponseDueAt!));
    expect(critical).toEqual([...critical].sort((a, b) => a - b));
    expect(queue.items.every((item) => item.status !== 'solved' && item.status !== 'closed')).toBe(true);
    expect(queue.total).toBe(queue.items.length);
  });

  it('needs If-Match (428), refuses a stale one (412), then solves and closes, audited', async () => {
    const filed = await file(ticket('Status ändern', { answers: { system: 'dev', scope: 'question', impact: 'none', concurrentFaults: 0 }, severity: 'other' }));
    const read = await desk('GET', `/tickets/${filed.id}`);
    const etag = String(read.headers.etag);
    expect((await desk('PATCH', `/tickets/${filed.id}/status`, { body: { status: 'solved' } })).status).toBe(428);
    await desk('POST', `/tickets/${filed.id}/answers`, { body: { body: 'Erledigt.' } });
    const stale = await desk('PATCH', `/tickets/${filed.id}/status`, { body: { status: 'solved' }, ifMatch: etag });
    expect(stale.status).toBe(412);
    const solved = await desk('PATCH', `/tickets/${filed.id}/status`, { body: { status: 'solved' }, ifMatch: stale.json().currentEtag });
    expect(solved.status, solved.text).toBe(200);
    expect(solved.json<Ticket>().status).toBe('solved');
    const closed = await desk('PATCH', `/tickets/${filed.id}/status`, { body: { status: 'closed' }, ifMatch: String(solved.headers.etag) });
    expect(closed.json<Ticket>()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect((await desk('POST', `/tickets/${filed.id}/answers`, { body: { body: 'Nachtrag' } })).status).toBe(409);
    expect((await desk('GET', '/tickets')).json().items.map((item: { id: string }) => item.id)).not.toContain(filed.id);
    const audit = (await auditActions()).filter((entry) => entry.action === 'desk.ticket.status' && entry.targetId === filed.id);
    expect(audit.map((entry) => entry.after)).toEqual([{ status: 'closed' }, { status: 'solved' }]);
  });

  it('answers 404 for an unknown ticket and 400 for a malformed id or an empty answer', async () => {
    expect((await desk('GET', '/tickets/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await desk('GET', '/tickets/not-a-uuid')).status).toBe(400);
    const filed = await file(ticket('Leere Antwort', { answers: { system: 'dev', scope: 'question', impact: 'none', concurrentFaults: 0 }, severity: 'other' }));
    expect((await desk('POST', `/tickets/${filed.id}/answers`, { body: { body: '   ' } })).status).toBe(400);
  });
});

describe('the desk sign-in', () => {
  it('is rate limited per client and login', async () => {
    const limited = await startTestPortal({ loginRateLimit: { max: 2, windowMs: 60_000 } });
    try {
      const attempt = () => limited.request('POST', `${DESK_API_PREFIX}/sessions`, { body: { login: 'support', password: 'wrong-password' } });
      expect((await attempt()).status).toBe(401);
      expect((await attempt()).status).toBe(401);
      const third = await attempt();
      expect(third.status).toBe(429);
      expect(third.json()).toMatchObject({ code: 'rate_limited' });
    } finally {
      await limited.close();
    }
  });
});
