import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../common/portal-api/audit';
import type { AvailabilityReport, Outage, OutagePage } from '../../common/portal-api/availability';
import { startTestPortal, type TestPortal } from '../test-support';

// Service description 2.4.5: "United Planet gewährleistet eine Verfügbarkeit der IntrexX PaaS Instanz von 99,5% im
// Monatsdurchschnitt nach Abzug der geplanten und zuvor mitgeteilten Wartungszeiten." and "Als Ausfallzeiten gelten
// nur Störungen der Supportstufe „Kritische Störung“".

// Wednesday 2 June 2027, 10:15 in Berlin: June's window (Tuesday 1 June, 17:00-21:00) is over.
const START = new Date('2027-06-02T08:15:00Z');
const MINUTE = 60_000;
let clock = START;
let portal: TestPortal;
let token: string;

const get = (path: string) => portal.request('GET', `/api/v1${path}`, { token });
const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  portal.request(method, `/api/v1${path}`, { token, body, headers });
const availability = async () => (await get('/instance/availability')).json<AvailabilityReport>();

beforeAll(async () => {
  portal = await startTestPortal({ now: () => clock });
  token = await portal.signInAdmin();
});

afterAll(async () => {
  await portal?.close();
});

describe('GET /api/v1/instance/availability on the demo data', () => {
  it('needs an admin session', async () => {
    expect((await portal.request('GET', '/api/v1/instance/availability')).status).toBe(401);
  });

  it('gives June and the 12 months before it: May met with 95 minutes, the outage in May\'s window and April\'s major fault not counted, March missed', async () => {
    const report = await availability();
    expect(report).toMatchObject({ checkedAt: START.toISOString(), timeZone: 'Europe/Berlin', target: 0.995, ongoing: [] });
    expect(report.months.map((month) => month.month).slice(0, 4)).toEqual(['2027-06', '2027-05', '2027-04', '2027-03']);
    expect(report.months).toHaveLength(13);
    const [june, may, april, march] = report.months;
    // June: 30 days less the monthly window (240 min) and the critical maintenance announced for 7 June (120 min).
    expect(june).toMatchObject({ current: true, status: 'on_track', monthMinutes: 43_200, maintenanceMinutes: 360, downtimeMinutes: 0 });
    expect(june!.allowedDowntimeMinutes).toBeCloseTo(214.2, 6);
    expect(may).toMatchObject({ status: 'met', downtimeMinutes: 95, excusedMinutes: 120, allowedDowntimeMinutes: 222, budgetLeftMinutes: 127, countedOutages: 1 });
    expect(april).toMatchObject({ status: 'met', downtimeMinutes: 0, availability: 1 });
    expect(march).toMatchObject({ status: 'missed', downtimeMinutes: 250, monthMinutes: 31 * 1440 - 60 });
  });
});

describe('recording and closing an outage', () => {
  let recorded: Outage;
  let etag: string;

  it('records an ongoing critical outage; it counts up to now', async () => {
    const response = await send('POST', '/instance/outages', {
      start: new Date(START.getTime() - 30 * MINUTE).toISOString(),
      severity: 'critical',
      cause: 'nginx answers 502 since 09:45',
    });
    expect(response.status).toBe(201);
    recorded = response.json<Outage>();
    etag = String(response.headers.etag);
    expect(recorded).toMatchObject({ end: null, severity: 'critical', customerComponent: false, recordedBy: 'admin', closedBy: null });
    expect(response.headers.location).toBe(`/api/v1/instance/outages/${recorded.id}`);
    const report = await availability();
    expect(report.ongoing.map((outage) => outage.id)).toEqual([recorded.id]);
    expect(report.months[0]!.downtimeMinutes).toBe(30);
    clock = new Date(START.getTime() + 45 * MINUTE);
    expect((await availability()).months[0]!.downtimeMinutes).toBe(75);
  });

  it('closes it with If-Match only: 428 without, 412 with a stale tag', async () => {
    const end = clock.toISOString();
    expect((await send('PATCH', `/instance/outages/${recorded.id}`, { end })).status).toBe(428);
    const stale = await send('PATCH', `/instance/outages/${recorded.id}`, { end }, { 'if-match': '"0-stale"' });
    expect(stale.status).toBe(412);
    expect(stale.json().current).toMatchObject({ id: recorded.id, end: null });
    const closed = await send('PATCH', `/instance/outages/${recorded.id}`, { end }, { 'if-match': etag });
    expect(closed.status).toBe(200);
    expect(closed.json<Outage>()).toMatchObject({ end, closedBy: 'admin' });
    expect(closed.headers.etag).not.toBe(etag);
    const report = await availability();
    expect(report.ongoing).toEqual([]);
    clock = new Date(clock.getTime() + 60 * MINUTE);
    expect((await availability()).months[0]!.downtimeMinutes).toBe(75);
  });

  it('lands in the audit log with before and after', async () => {
    const audit = (await get(`/audit?targetType=outage&targetId=${recorded.id}`)).json<AuditPage>();
    expect(audit.items.map((entry) => entry.action).sort()).toEqual(['outage.close', 'outage.record']);
    const close = audit.items.find((entry) => entry.action === 'outage.close');
    expect(close).toMatchObject({ actorLogin: 'admin', before: { end: null }, after: { closedBy: 'admin' } });
  });

  it('refuses what cannot be an outage with 4xx, naming the field', async () => {
    const future = await send('POST', '/instance/outages', {
      start: new Date(clock.getTime() + 3 * MINUTE).toISOString(),
      severity: 'critical',
      cause: 'not yet happened',
    });
    expect(future.status).toBe(422);
    expect(future.json()).toMatchObject({ code: 'outage_in_future', errors: [{ path: 'start' }] });
    const reversed = await send('POST', '/instance/outages', {
      start: START.toISOString(),
      end: new Date(START.getTime() - MINUTE).toISOString(),
      severity: 'critical',
      cause: 'ends before it starts',
    });
    expect(reversed.status).toBe(400);
    const shortCause = await send('POST', '/instance/outages', { start: START.toISOString(), severity: 'critical', cause: 'x' });
    expect(shortCause.status).toBe(400);
    const reopenBefore = await send('PATCH', `/instance/outages/${recorded.id}`, { end: recorded.start }, { 'if-match': '*' });
    expect(reopenBefore.status).toBe(400);
  });

  it('takes an instant up to 2 minutes ahead as now (a console clock running ahead), and closes at its own now on "now"', async () => {
    const ahead = await send('POST', '/instance/outages', {
      start: new Date(clock.getTime() + 90_000).toISOString(),
      severity: 'other',
      cause: 'test instance slow (console clock 90 s ahead)',
    });
    expect(ahead.status).toBe(201);
    expect(ahead.json<Outage>().start).toBe(clock.toISOString());
    clock = new Date(clock.getTime() + 5 * MINUTE);
    const closed = await send('PATCH', `/instance/outages/${ahead.json<Outage>().id}`, { end: 'now' }, { 'if-match': String(ahead.headers.etag) });
    expect(closed.status).toBe(200);
    expect(closed.json<Outage>().end).toBe(clock.toISOString());
  });

  it('lists outages newest first, paged', async () => {
    const first = (await get('/instance/outages?limit=2')).json<OutagePage>();
    expect(first.items[1]!.id).toBe(recorded.id);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = (await get(`/instance/outages?limit=100&cursor=${first.nextCursor}`)).json<OutagePage>();
    expect(rest.items).toHaveLength(4);
    const starts = [...first.items, ...rest.items].map((outage) => Date.parse(outage.start));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });
});
