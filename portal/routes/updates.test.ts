import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferralDeadline, maxDeferralUntil } from '../../common/domain/deferral';
import type { AppliedUpdatePage, Release, ReleasePage } from '../../common/portal-api/updates';
import { portalSettings, releases, updateHistory } from '../db/schema';
import { startTestPortal, type TestPortal } from '../test-support';

const BERLIN = 'Europe/Berlin';
const START = new Date('2026-03-10T09:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let clock = START;
let portal: TestPortal;
let token: string;

const get = (path: string) => portal.request('GET', path, { token });
const send = (method: string, path: string, body?: unknown, ifMatch?: string) =>
  portal.request(method, path, { token, body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

async function releasesWith(status?: string): Promise<Release[]> {
  const response = await get(`/api/v1/updates/releases${status ? `?status=${status}` : ''}`);
  expect(response.status).toBe(200);
  return response.json<ReleasePage>().items;
}

async function releaseByVersion(version: string): Promise<Release> {
  const found = (await releasesWith()).find((release) => release.version === version);
  if (found === undefined) throw new Error(`demo release ${version} missing`);
  return found;
}

async function lastAudit(action: string) {
  const entries = (await get('/api/v1/audit?limit=50')).json<{ items: Array<{ action: string }> }>().items;
  return entries.find((entry) => entry.action === action);
}

beforeAll(async () => {
  portal = await startTestPortal({ now: () => clock });
  token = await portal.signInAdmin();
});

afterAll(async () => {
  await portal?.close();
});

describe('update settings and the release track', () => {
  it('answers version, track and time zone with the portal settings ETag', async () => {
    const response = await get('/api/v1/updates/settings');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ version: '12.0.3', track: 'silent', timeZone: BERLIN });
    expect(response.headers.etag).toBe((await get('/api/v1/portal')).headers.etag);
  });

  it('needs If-Match (428), refuses a stale one (412 with the current version) and rejects unknown tracks (400)', async () => {
    expect((await send('PUT', '/api/v1/updates/settings/track', { track: 'steady' })).status).toBe(428);
    const stale = await send('PUT', '/api/v1/updates/settings/track', { track: 'steady' }, '"v999"');
    expect(stale.status).toBe(412);
    expect(stale.json()).toMatchObject({ current: { track: 'silent' }, currentEtag: expect.any(String) });
    const etag = (await get('/api/v1/updates/settings')).headers.etag as string;
    expect((await send('PUT', '/api/v1/updates/settings/track', { track: 'fast' }, etag)).status).toBe(400);
  });

  it('switches the track, audits it and changes which releases are available', async () => {
    expect((await releasesWith('not_on_track')).map((r) => r.version)).toEqual(['12.1.0']);
    const etag = (await get('/api/v1/updates/settings')).headers.etag as string;
    const switched = await send('PUT', '/api/v1/updates/settings/track', { track: 'steady' }, etag);
    expect(switched.status).toBe(200);
    expect(switched.json()).toMatchObject({ track: 'steady' });
    expect(switched.headers.etag).not.toBe(etag);
    expect((await get('/api/v1/portal')).json()).toMatchObject({ track: 'steady' });
    expect(await lastAudit('portal.track_change')).toMatchObject({ before: { track: 'silent' }, after: { track: 'steady' } });
    expect((await releasesWith('available')).map((r) => r.version)).toEqual(['12.0.4', '13.0.0', '12.1.0']);

    const back = await send('PUT', '/api/v1/updates/settings/track', { track: 'silent' }, switched.headers.etag as string);
    expect(back.status).toBe(200);
    expect((await releasesWith('available')).map((r) => r.version)).toEqual(['12.0.4', '13.0.0']);
  });

  it('changes nothing when the current track is chosen again', async () => {
    const etag = (await get('/api/v1/updates/settings')).headers.etag as string;
    const same = await send('PUT', '/api/v1/updates/settings/track', { track: 'silent' }, etag);
    expect(same.status).toBe(200);
    expect(same.headers.etag).toBe(etag);
  });
});

describe('releases and history', () => {
  it('lists the catalogue newest first with the applied state', async () => {
    const all = await releasesWith();
    expect(all.map((r) => [r.version, r.status])).toEqual([
      ['12.0.4', 'available'],
      ['13.0.0', 'available'],
      ['12.1.0', 'not_on_track'],
      ['12.0.3', 'applied'],
      ['12.0.2', 'applied'],
      ['12.0.1', 'applied'],
      ['12.0.0', 'applied'],
      ['11.4.1', 'applied'],
      ['11.4.0', 'applied'],
    ]);
    const major = all.find((r) => r.version === '13.0.0');
    expect(major).toMatchObject({ kind: 'major', affectsCustomisations: true, appliedAt: null, deferral: null });
    expect(major?.changes.length).toBeGreaterThan(1);
  });

  it('pages with a cursor without gaps or duplicates, and refuses a broken cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page: ReleasePage = (await get(`/api/v1/updates/releases?limit=4${query}`)).json<ReleasePage>();
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((r) => r.version));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual((await releasesWith()).map((r) => r.version));
    const broken = await get('/api/v1/updates/releases?cursor=not-a-cursor');
    expect(broken.status).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'invalid_cursor' });
  });

  it('keeps the history of the last six monthly windows, newest first', async () => {
    const first = (await get('/api/v1/updates/history?limit=4')).json<AppliedUpdatePage>();
    const rest = (await get(`/api/v1/updates/history?limit=4&cursor=${first.nextCursor}`)).json<AppliedUpdatePage>();
    const history = [...first.items, ...rest.items];
    expect(rest.nextCursor).toBeNull();
    expect(history.map((h) => `${h.fromVersion}->${h.version}`)).toEqual([
      '12.0.2->12.0.3',
      '12.0.1->12.0.2',
      '12.0.0->12.0.1',
      '11.4.1->12.0.0',
      '11.4.0->11.4.1',
      '11.3.2->11.4.0',
    ]);
    // Applied in the monthly windows on the first Tuesdays, 17:00 Berlin time (CET in these months).
    expect(history.map((h) => h.windowId)).toEqual([
      'monthly-2026-03',
      'monthly-2026-02',
      'monthly-2026-01',
      'monthly-2025-12',
      'monthly-2025-11',
      'monthly-2025-10',
    ]);
    expect(history[0]?.appliedAt).toBe('2026-03-03T16:10:00.000Z');
  });

  it('needs a session', async () => {
    expect((await portal.request('GET', '/api/v1/updates/releases')).status).toBe(401);
  });
});

describe('deferring a major release', () => {
  const path = (id: string) => `/api/v1/updates/releases/${id}/deferral`;

  it.each([
    ['12.0.4', 'not_deferrable_security'],
    ['12.1.0', 'not_deferrable_minor'],
  ])('refuses %s with 422 %s', async (version, code) => {
    const release = await releaseByVersion(version);
    const response = await send('POST', path(release.id), { until: new Date(START.getTime() + 10 * DAY).toISOString(), reason: 'Test' });
    expect(response.status).toBe(422);
    expect(response.json()).toMatchObject({ code });
  });

  it('refuses one minute past the limit and an end in the past, naming the field and the latest allowed date', async () => {
    const major = await releaseByVersion('13.0.0');
    const limit = maxDeferralUntil(new Date(major.releasedAt), BERLIN);
    const beyond = await send('POST', path(major.id), { until: new Date(limit.getTime() + MINUTE).toISOString(), reason: 'Anpassungen' });
    expect(beyond.status).toBe(422);
    expect(beyond.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(beyond.json()).toMatchObject({
      code: 'deferral_beyond_limit',
      errors: [{ path: 'until', message: `At most ${limit.toISOString()}` }],
    });
    expect(beyond.json().detail).toContain(limit.toISOString());
    // 6 months to the minute is too late as well: the update would land in the window after the deadline.
    const deadline = deferralDeadline(new Date(major.releasedAt), BERLIN);
    const atDeadline = await send('POST', path(major.id), { until: deadline.toISOString(), reason: 'Anpassungen' });
    expect(atDeadline.status).toBe(422);
    expect(atDeadline.json().detail).toContain(`by ${deadline.toISOString()}`);
    const past = await send('POST', path(major.id), { until: new Date(START.getTime() - HOUR).toISOString(), reason: 'Anpassungen' });
    expect(past.json()).toMatchObject({ code: 'deferral_in_past' });
  });

  it('refuses bad input (400), unknown (404) and applied (409) releases', async () => {
    const major = await releaseByVersion('13.0.0');
    const until = new Date(START.getTime() + 30 * DAY).toISOString();
    expect((await send('POST', path(major.id), { until, reason: '' })).status).toBe(400);
    expect((await send('POST', path(major.id), { until: 'next week', reason: 'Anpassungen' })).status).toBe(400);
    expect((await send('POST', path('not-a-uuid'), { until, reason: 'Anpassungen' })).status).toBe(400);
    const unknown = await send('POST', path('00000000-0000-4000-8000-000000000000'), { until, reason: 'Anpassungen' });
    expect(unknown.status).toBe(404);
    const applied = await releaseByVersion('12.0.0');
    const refused = await send('POST', path(applied.id), { until, reason: 'Anpassungen' });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'release_already_applied' });
  });

  it('defers exactly to the limit, extends, guards changes with If-Match and cancels, auditing each step', async () => {
    const major = await releaseByVersion('13.0.0');
    const limit = maxDeferralUntil(new Date(major.releasedAt), BERLIN);
    const firstUntil = new Date(START.getTime() + 60 * DAY).toISOString();

    const created = await send('POST', path(major.id), { until: firstUntil, reason: 'Workflows müssen angepasst werden' });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ releaseId: major.id, until: firstUntil, createdBy: 'admin' });
    const createdEtag = created.headers.etag as string;
    expect(createdEtag).toMatch(/^".+\.v1"$/);
    expect((await get(path(major.id))).headers.etag).toBe(createdEtag);
    expect(await lastAudit('update.deferral_create')).toMatchObject({ after: { release: '13.0.0', until: firstUntil } });
    expect((await releaseByVersion('13.0.0')).deferral).toEqual({ etag: createdEtag, value: created.json() });

    const twice = await send('POST', path(major.id), { until: firstUntil, reason: 'Noch einmal' });
    expect(twice.status).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'deferral_exists' });

    const toLimit = { until: limit.toISOString() };
    expect((await send('PATCH', path(major.id), toLimit)).status).toBe(428);
    expect((await send('PATCH', path(major.id), { until: new Date(limit.getTime() + MINUTE).toISOString() }, createdEtag)).json()).toMatchObject({
      code: 'deferral_beyond_limit',
    });
    const extended = await send('PATCH', path(major.id), toLimit, createdEtag);
    expect(extended.status).toBe(200);
    expect(extended.json()).toMatchObject({ until: limit.toISOString(), reason: 'Workflows müssen angepasst werden' });
    expect(await lastAudit('update.deferral_change')).toMatchObject({
      before: { until: firstUntil },
      after: { until: limit.toISOString() },
    });

    const stale = await send('PATCH', path(major.id), { until: firstUntil }, createdEtag);
    expect(stale.status).toBe(412);
    expect(stale.json()).toMatchObject({ current: { until: limit.toISOString() }, currentEtag: extended.headers.etag });

    expect((await send('DELETE', path(major.id))).status).toBe(428);
    expect((await send('DELETE', path(major.id), undefined, createdEtag)).status).toBe(412);
    expect((await send('DELETE', path(major.id), undefined, extended.headers.etag as string)).status).toBe(204);
    expect((await get(path(major.id))).status).toBe(404);
    expect(await lastAudit('update.deferral_cancel')).toMatchObject({ before: { release: '13.0.0', until: limit.toISOString() } });
    expect((await releaseByVersion('13.0.0')).deferral).toBeNull();
  });
});

describe('deferral limit at a month end, and a release applied meanwhile', () => {
  let other: TestPortal;
  let otherToken: string;
  let releaseId: string;
  const otherPath = () => `/api/v1/updates/releases/${releaseId}/deferral`;
  const otherRequest = (method: string, body?: unknown, ifMatch?: string) =>
    other.request(method, otherPath(), { token: otherToken, body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

  beforeAll(async () => {
    other = await startTestPortal({ now: () => new Date('2025-09-01T08:00:00Z') });
    otherToken = await other.signInAdmin();
    const [row] = await other.portal.db
      .insert(releases)
      .values({ version: '14.0.0', kind: 'major', title: 'Ende August', releasedAt: new Date('2025-08-31T08:00:00Z'), tracks: ['silent', 'steady'] })
      .returning({ id: releases.id });
    releaseId = row!.id;
  });

  afterAll(async () => {
    await other?.close();
  });

  // Released 31 Aug 2025, 10:00 Berlin: applied by 28 Feb 2026 (6 months, clamped), so in the 3 Feb window at the latest.
  it.each([
    ['3 February, 17:00 Berlin (the start of the last window by 28 February)', '2026-02-03T16:00:00Z', 201],
    ['3 February, 17:01 Berlin (would land on 3 March)', '2026-02-03T16:01:00Z', 422],
    ['28 February, 10:00 Berlin (6 months, but after the last window)', '2026-02-28T09:00:00Z', 422],
    ['1 March, 00:00 Berlin', '2026-02-28T23:00:00Z', 422],
  ])('a release of 31 August deferred until %s -> %i', async (_label, until, status) => {
    const response = await otherRequest('POST', { until, reason: 'Monatsende' });
    expect(response.status).toBe(status);
    if (status === 201) {
      await otherRequest('DELETE', undefined, response.headers.etag as string);
    } else {
      expect(response.json()).toMatchObject({ code: 'deferral_beyond_limit', errors: [{ path: 'until', message: 'At most 2026-02-03T16:00:00.000Z' }] });
      expect(response.json().detail).toContain('by 2026-02-28T09:00:00.000Z');
    }
  });

  it('refuses to change or cancel the deferral of a release that was applied meanwhile (409), and keeps it', async () => {
    const created = await otherRequest('POST', { until: '2026-01-06T16:00:00Z', reason: 'Anpassungen' });
    expect(created.status).toBe(201);
    const etag = created.headers.etag as string;
    await other.portal.db.insert(updateHistory).values({
      releaseId,
      version: '14.0.0',
      kind: 'major',
      fromVersion: '13.0.0',
      appliedAt: new Date('2025-09-02T15:05:00Z'),
      finishedAt: new Date('2025-09-02T15:45:00Z'),
      windowId: 'monthly-2025-09',
    });

    const cancel = await otherRequest('DELETE', undefined, etag);
    expect(cancel.status).toBe(409);
    expect(cancel.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(cancel.json()).toMatchObject({ code: 'release_already_applied' });
    expect(cancel.json().detail).toContain('can no longer be cancelled');
    const change = await otherRequest('PATCH', { until: '2026-02-03T16:00:00Z' }, etag);
    expect(change.status).toBe(409);
    expect(change.json()).toMatchObject({ code: 'release_already_applied' });
    const kept = await otherRequest('GET');
    expect(kept.status).toBe(200);
    expect(kept.headers.etag).toBe(etag);
  });
});

describe('maintenance calendar', () => {
  const windowsPath = (from: string, to: string) => `/api/v1/maintenance/windows?from=${from}&to=${to}`;

  it('lists the first Tuesdays at 17:00 Berlin time across the DST change, and the announced critical maintenance', async () => {
    const response = await get(windowsPath('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'));
    expect(response.status).toBe(200);
    const calendar = response.json();
    expect(calendar.timeZone).toBe(BERLIN);
    const monthly = calendar.items.filter((w: { kind: string }) => w.kind === 'monthly');
    expect(monthly.map((w: { id: string; start: string }) => [w.id, w.start])).toEqual([
      ['monthly-2026-03', '2026-03-03T16:00:00.000Z'],
      ['monthly-2026-04', '2026-04-07T15:00:00.000Z'],
    ]);
    const critical = calendar.items.find((w: { kind: string }) => w.kind === 'critical');
    // Demo: announced yesterday, five days ahead at 20:00 Berlin time.
    expect(critical).toMatchObject({
      title: 'Notfallwartung Datenbank-Cluster',
      start: '2026-03-15T19:00:00.000Z',
      end: '2026-03-15T21:00:00.000Z',
      announcedAt: '2026-03-09T09:00:00.000Z',
      description: expect.stringContaining('Speichersystem'),
      overlaps: false,
    });
  });

  it.each([
    ['a reversed range', windowsPath('2026-05-01T00:00:00Z', '2026-03-01T00:00:00Z'), 'invalid_range'],
    ['a range over the limit', windowsPath('2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z'), 'range_too_large'],
    ['a missing bound', '/api/v1/maintenance/windows?from=2026-01-01T00:00:00Z', 'validation_failed'],
    ['a date that is no date', windowsPath('yesterday', '2026-03-01T00:00:00Z'), 'validation_failed'],
  ])('refuses %s with 400', async (_label, path, code) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ code });
  });

  it('exports the windows as an iCalendar download', async () => {
    const response = await get('/api/v1/maintenance/calendar.ics?from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="maintenance-muster-gmbh-portal.ics"');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines).toContain('DTSTART:20260303T160000Z');
    expect(lines).toContain('DTSTART:20260315T190000Z');
    expect(lines).toContain('DTSTAMP:20260310T090000Z');
    expect(lines).toContain('X-WR-CALNAME:Muster GmbH Portal: maintenance');
    expect(lines).toContain('SUMMARY:Monthly maintenance March 2026');
    expect(lines.filter((line) => line === 'BEGIN:VALARM')).toHaveLength(3);
  });

  it('names each event by the portal id, which a rename does not change', async () => {
    const [settings] = await portal.portal.db.select({ instanceId: portalSettings.instanceId }).from(portalSettings);
    const uids = async () =>
      (await get('/api/v1/maintenance/calendar.ics?from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z')).text.split('\r\n').filter((line) => line.startsWith('UID:'));
    const before = await uids();
    expect(before).toContain(`UID:monthly-2026-03.${settings?.instanceId}@portal-console`);
    await portal.portal.db.update(portalSettings).set({ name: 'Muster AG Portal' });
    try {
      expect(await uids()).toEqual(before);
    } finally {
      await portal.portal.db.update(portalSettings).set({ name: 'Muster GmbH Portal' });
    }
  });

  it.each([
    ['de', 'X-WR-CALNAME:Muster GmbH Portal: Wartung', 'SUMMARY:Monatliche Wartung April 2026', 'DESCRIPTION:Erinnerung: Monatliche Wartung April 2026 beginnt in 7 Tagen.'],
    ['en', 'X-WR-CALNAME:Muster GmbH Portal: maintenance', 'SUMMARY:Monthly maintenance April 2026', 'DESCRIPTION:Reminder: Monthly maintenance April 2026 starts in 7 days.'],
  ])('words the export in the language asked for: %s', async (lang, calendarName, summary, alarm) => {
    const response = await get(`/api/v1/maintenance/calendar.ics?from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z&lang=${lang}`);
    expect(response.status).toBe(200);
    const lines = response.text.split('\r\n');
    expect(lines).toContain(calendarName);
    expect(lines).toContain(summary);
    expect(lines).toContain(alarm);
  });

  it('refuses a language it does not speak', async () => {
    const response = await get('/api/v1/maintenance/calendar.ics?from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z&lang=fr');
    expect(response.status).toBe(400);
  });
});

describe('critical maintenance announcements', () => {
  const announce = (hoursAhead: number, durationHours = 2, title = 'Kernel-Update') => {
    const start = new Date(START.getTime() + hoursAhead * HOUR);
    return send('POST', '/api/v1/maintenance/announcements', {
      title,
      description: 'Neustart aller Knoten',
      start: start.toISOString(),
      end: new Date(start.getTime() + durationHours * HOUR).toISOString(),
    });
  };

  it('refuses less than 72 hours of notice with the earliest possible start', async () => {
    const response = await announce(71);
    expect(response.status).toBe(422);
    expect(response.json()).toMatchObject({ code: 'notice_too_short', errors: [{ path: 'start' }] });
    expect(response.json().detail).toContain('2026-03-13T09:00:00.000Z');
  });

  it('refuses a window that does not end after its start', async () => {
    const response = await announce(100, 0);
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ path: 'end' }] });
  });

  it('announces with 72 hours of notice, flags an overlap with the monthly window, and withdraws with If-Match', async () => {
    // 7 April 2026, 17:30 Berlin: inside the April window.
    const hours = (new Date('2026-04-07T15:30:00Z').getTime() - START.getTime()) / HOUR;
    const created = await announce(hours, 1, 'Zertifikatstausch');
    expect(created.status).toBe(201);
    const id = created.json().id as string;
    expect(await lastAudit('maintenance.announce')).toMatchObject({ after: { title: 'Zertifikatstausch' } });

    const calendar = (await get('/api/v1/maintenance/windows?from=2026-04-01T00:00:00Z&to=2026-04-30T00:00:00Z')).json();
    expect(calendar.items.map((w: { id: string; overlaps: boolean }) => [w.id, w.overlaps])).toEqual([
      ['monthly-2026-04', true],
      [id, true],
    ]);

    const path = `/api/v1/maintenance/announcements/${id}`;
    expect((await send('DELETE', path)).status).toBe(428);
    expect((await send('DELETE', path, undefined, '"stale.v9"')).status).toBe(412);
    expect((await send('DELETE', path, undefined, created.headers.etag as string)).status).toBe(204);
    expect((await get(path)).status).toBe(404);
    expect(await lastAudit('maintenance.cancel')).toMatchObject({ before: { id } });
  });

  it('cannot withdraw maintenance that has started', async () => {
    const created = await announce(80);
    clock = new Date(START.getTime() + 81 * HOUR);
    token = await portal.signInAdmin();
    try {
      const response = await send('DELETE', `/api/v1/maintenance/announcements/${created.json().id}`, undefined, created.headers.etag as string);
      expect(response.status).toBe(409);
      expect(response.json()).toMatchObject({ code: 'announcement_started' });
    } finally {
      clock = START;
    }
  });
});
