import { describe, expect, it } from 'vitest';
import type { ServerLogEntry } from '../../../../common/portal-api/support';
import {
  canFollow,
  defaultLogFilters,
  formatLogTime,
  isLogQueryLine,
  isoToZonedInput,
  logEntriesOf,
  logQueryOf,
  zonedInputToIso,
  type LogFilters,
} from './logs-query';

const BERLIN = 'Europe/Berlin';
const ANCHOR = '2026-03-10T12:00:00.000Z';

function entry(seq: number, message = `line ${seq}`): ServerLogEntry {
  return { seq, at: new Date(Date.parse(ANCHOR) + seq * 1000).toISOString(), level: 'info', message };
}

describe('zonedInputToIso / isoToZonedInput', () => {
  it.each([
    ['winter, UTC+1', '2026-03-10T09:00', BERLIN, '2026-03-10T08:00:00.000Z'],
    ['summer, UTC+2', '2026-07-01T09:00', BERLIN, '2026-07-01T07:00:00.000Z'],
    ['another zone', '2026-03-10T09:00', 'America/New_York', '2026-03-10T13:00:00.000Z'],
    ['with seconds', '2026-03-10T09:00:30', BERLIN, '2026-03-10T08:00:30.000Z'],
  ])('reads wall time in the portal zone: %s', (_why, input, zone, iso) => {
    expect(zonedInputToIso(input, zone)).toBe(iso);
    expect(isoToZonedInput(iso, zone)).toBe(input.slice(0, 16));
  });

  it.each(['', '   ', 'gestern', '2026-13-01T09:00'])('gives undefined for %j', (input) => {
    expect(zonedInputToIso(input, BERLIN)).toBeUndefined();
  });
});

describe('logQueryOf', () => {
  const filters = (patch: Partial<LogFilters>): LogFilters => ({ ...defaultLogFilters, ...patch });
  it.each<[string, Partial<LogFilters>, ReturnType<typeof logQueryOf>]>([
    ['the default hour', {}, { ok: true, query: { from: '2026-03-10T11:00:00.000Z', to: ANCHOR, level: 'debug' } }],
    ['15 minutes', { preset: '15m' }, { ok: true, query: { from: '2026-03-10T11:45:00.000Z', to: ANCHOR, level: 'debug' } }],
    [
      '24 hours, a level and a trimmed text',
      { preset: '24h', level: 'warn', contains: '  /api/v1/users ' },
      { ok: true, query: { from: '2026-03-09T12:00:00.000Z', to: ANCHOR, level: 'warn', contains: '/api/v1/users' } },
    ],
    ['a blank text as no filter', { contains: '   ' }, { ok: true, query: { from: '2026-03-10T11:00:00.000Z', to: ANCHOR, level: 'debug' } }],
    [
      'a custom range in the portal zone',
      { preset: 'custom', customFrom: '2026-03-10T09:00', customTo: '2026-03-10T10:30' },
      { ok: true, query: { from: '2026-03-10T08:00:00.000Z', to: '2026-03-10T09:30:00.000Z', level: 'debug' } },
    ],
    [
      'a custom range up to now',
      { preset: 'custom', customFrom: '2026-03-10T09:00' },
      { ok: true, query: { from: '2026-03-10T08:00:00.000Z', to: ANCHOR, level: 'debug' } },
    ],
    ['a custom range without start', { preset: 'custom', customTo: '2026-03-10T10:30' }, { ok: false, problem: 'fromMissing' }],
    ['an invalid end', { preset: 'custom', customFrom: '2026-03-10T09:00', customTo: 'x' }, { ok: false, problem: 'toInvalid' }],
    [
      'a reversed range',
      { preset: 'custom', customFrom: '2026-03-10T11:00', customTo: '2026-03-10T10:00' },
      { ok: false, problem: 'reversed' },
    ],
  ])('%s', (_why, patch, expected) => {
    expect(logQueryOf(filters(patch), BERLIN, ANCHOR)).toEqual(expected);
  });

  it.each<[Partial<LogFilters>, boolean]>([
    [{ preset: '15m' }, true],
    [{ preset: 'custom', customFrom: '2026-03-10T09:00' }, true],
    [{ preset: 'custom', customFrom: '2026-03-10T09:00', customTo: '2026-03-10T10:00' }, false],
  ])('can follow %o: %s', (patch, expected) => {
    expect(canFollow(filters(patch))).toBe(expected);
  });
});

describe('logEntriesOf', () => {
  it('keeps page order and drops entries a follow-up page read again', () => {
    const pages = [{ items: [entry(1), entry(2)] }, { items: [entry(2), entry(3)] }, { items: [] }, { items: [entry(4)] }];
    expect(logEntriesOf(pages).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });
});

describe('isLogQueryLine', () => {
  it.each([
    ['GET /api/v1/logs 200', true],
    ['GET /api/v1/logs 400', true],
    ['GET /api/v1/logsomething 200', false],
    ['POST /api/v1/sessions 201', false],
    ['GET /api/v1/users 200', false],
  ])('%s -> %s', (message, expected) => {
    expect(isLogQueryLine(entry(1, message))).toBe(expected);
  });
});

describe('formatLogTime', () => {
  it.each([
    ['de', BERLIN, '10. März 2026, 09:00:00,250'],
    ['en', 'America/New_York', 'Mar 10, 2026, 04:00:00.250'],
  ])('%s in %s', (language, zone, expected) => {
    expect(formatLogTime('2026-03-10T08:00:00.250Z', language, zone)).toContain(expected);
  });

  it('falls back to the local zone for a zone it does not know', () => {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatLogTime('2026-03-10T08:00:00.250Z', 'de', 'Not/A_Zone')).toBe(formatLogTime('2026-03-10T08:00:00.250Z', 'de', local));
  });

  it('shows what it cannot read as it is', () => {
    expect(formatLogTime('not a time', 'de', BERLIN)).toBe('not a time');
  });
});
