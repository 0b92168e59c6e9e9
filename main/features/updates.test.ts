import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxDeferralUntil } from '../../common/domain/deferral';
import type { MaintenanceCalendar, Release, ReleasePage } from '../../common/portal-api/updates';
import type { Backend } from '../backend';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { attachmentFilename } from './updates';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';

const ADMIN = DEMO_ADMIN;
const DAY = 24 * 60 * 60_000;

let backend: Backend;

const { call, failure } = contractCaller(() => backend);

async function release(version: string): Promise<Release> {
  const page = await call<ReleasePage>('updates:releases', {});
  const found = page.items.find((r) => r.version === version);
  if (!found) throw new Error(`release ${version} missing`);
  return found;
}

let harness: TestBackend;

beforeAll(async () => {
  harness = await createTestBackend('updates');
  ({ backend } = harness);
});

afterAll(() => harness?.close());

describe('updates handlers', () => {
  it('need a signed-in session', async () => {
    expect(await failure('updates:settings')).toMatchObject({ code: 'NOT_SIGNED_IN' });
    await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...ADMIN, remember: false });
  });

  it('switch the track with If-Match, keep the session header in step and report a stale ETag with both versions', async () => {
    const settings = await call<{ etag: string; value: { track: string } }>('updates:settings');
    expect(settings.value).toMatchObject({ track: 'silent', version: '12.0.3', timeZone: 'Europe/Berlin' });
    const switched = await call<{ etag: string; value: { track: string } }>('updates:setTrack', { track: 'steady', ifMatch: settings.etag });
    expect(switched.value.track).toBe('steady');
    expect(await call('session:current')).toMatchObject({ portal: { track: 'steady' } });

    const stale = await failure('updates:setTrack', { track: 'silent', ifMatch: settings.etag });
    expect(stale).toMatchObject({ code: 'PRECONDITION_FAILED', details: { current: { track: 'steady' }, currentEtag: switched.etag } });
    await call('updates:setTrack', { track: 'silent', ifMatch: switched.etag });
  });

  it('defer, extend and cancel a major release; the portal refusals keep their problem codes', async () => {
    const major = await release('13.0.0');
    const limit = maxDeferralUntil(new Date(major.releasedAt), 'Europe/Berlin');
    const beyond = await failure('updates:defer', {
      releaseId: major.id,
      until: new Date(limit.getTime() + 60_000).toISOString(),
      reason: 'Anpassungen',
    });
    expect(beyond).toMatchObject({ code: 'VALIDATION', details: { problemCode: 'deferral_beyond_limit', errors: [{ path: 'until' }] } });
    const security = await release('12.0.4');
    expect(await failure('updates:defer', { releaseId: security.id, until: limit.toISOString(), reason: 'Nein' })).toMatchObject({
      details: { problemCode: 'not_deferrable_security' },
    });

    const until = new Date(Date.now() + 20 * DAY).toISOString();
    const deferred = await call<{ etag: string; value: { until: string } }>('updates:defer', { releaseId: major.id, until, reason: 'Workflows anpassen' });
    expect(deferred.value.until).toBe(until);
    expect((await release('13.0.0')).deferral?.etag).toBe(deferred.etag);

    const extended = await call<{ etag: string }>('updates:changeDeferral', { releaseId: major.id, until: limit.toISOString(), ifMatch: deferred.etag });
    const stale = await failure('updates:cancelDeferral', { releaseId: major.id, ifMatch: deferred.etag });
    expect(stale).toMatchObject({ code: 'PRECONDITION_FAILED', details: { current: { until: limit.toISOString() }, currentEtag: extended.etag } });
    expect(await call('updates:cancelDeferral', { releaseId: major.id, ifMatch: extended.etag })).toEqual({ ok: true });
    expect((await release('13.0.0')).deferral).toBeNull();
  });

  it('validate requests before they reach the portal', async () => {
    expect(await failure('updates:defer', { releaseId: 'x', until: 'soon', reason: '' })).toMatchObject({ code: 'VALIDATION' });
    expect(await failure('updates:setTrack', { track: 'silent' })).toMatchObject({ code: 'VALIDATION' });
  });

  it('read the calendar and export it as an iCalendar file', async () => {
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 120 * DAY).toISOString(); // 120 days hold at least 3 first Tuesdays (they lie at most 35 days apart)
    const calendar = await call<MaintenanceCalendar>('maintenance:calendar', { from, to });
    expect(calendar.items.filter((w) => w.kind === 'monthly').length).toBeGreaterThanOrEqual(3);
    expect(calendar.items.some((w) => w.kind === 'critical')).toBe(true);
    const file = await call<{ filename: string; content: string }>('maintenance:exportCalendar', { from, to, language: 'en' });
    expect(file.filename).toBe('maintenance-muster-gmbh-portal.ics');
    expect(file.content.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(file.content.match(/BEGIN:VEVENT/g)).toHaveLength(calendar.items.length);
    expect(file.content).toContain('X-WR-CALNAME:Muster GmbH Portal: maintenance\r\n');
  });

  it('export the calendar in the console language, and only in German or English', async () => {
    const range = { from: new Date().toISOString(), to: new Date(Date.now() + 40 * DAY).toISOString() };
    const german = await call<{ content: string }>('maintenance:exportCalendar', { ...range, language: 'de' });
    expect(german.content).toContain('X-WR-CALNAME:Muster GmbH Portal: Wartung\r\n');
    expect(german.content).toMatch(/SUMMARY:Monatliche Wartung \S+ \d{4}\r\n/);
    expect(await failure('maintenance:exportCalendar', { ...range, language: 'fr' })).toMatchObject({ code: 'VALIDATION' });
    expect(await failure('maintenance:exportCalendar', range)).toMatchObject({ code: 'VALIDATION' });
  });

  it('read the history newest first', async () => {
    const history = await call<{ items: Array<{ version: string }> }>('updates:history', { limit: 2 });
    expect(history.items.map((h) => h.version)).toEqual(['12.0.3', '12.0.2']);
  });
});

describe('attachmentFilename', () => {
  it.each<[string | string[] | undefined, string]>([
    ['attachment; filename="maintenance-muster.ics"', 'maintenance-muster.ics'],
    ['attachment; filename=plain.ics', 'plain.ics'],
    [['attachment; filename="first.ics"'], 'first.ics'],
    ['attachment; filename="../../etc/passwd"', 'fallback.ics'],
    ['inline', 'fallback.ics'],
    [undefined, 'fallback.ics'],
  ])('%s -> %s', (header, expected) => {
    expect(attachmentFilename(header, 'fallback.ics')).toBe(expected);
  });
});
