import { describe, expect, it } from 'vitest';
import {
  backupAgeHours,
  backupAgeStatus,
  databaseStatus,
  isBackupDue,
  memoryStatus,
  worstStatus,
  type HealthStatus,
} from './instance-health';

const NOW = new Date('2026-03-04T10:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe('backupAgeStatus (the 24-hour rule)', () => {
  it.each<[string, Date | null, ReturnType<typeof backupAgeStatus>]>([
    ['never backed up', null, { status: 'error', reason: 'never' }],
    ['just now', hoursAgo(0), { status: 'ok', reason: 'recent' }],
    ['last night, 8 h ago', hoursAgo(8), { status: 'ok', reason: 'recent' }],
    ['exactly 24 h ago still counts', hoursAgo(24), { status: 'ok', reason: 'recent' }],
    ['one minute past 24 h', hoursAgo(24 + 1 / 60), { status: 'warning', reason: 'overdue' }],
    ['one nightly backup missed', hoursAgo(40), { status: 'warning', reason: 'overdue' }],
    ['exactly 48 h ago', hoursAgo(48), { status: 'warning', reason: 'overdue' }],
    ['two missed', hoursAgo(49), { status: 'error', reason: 'stale' }],
    ['a week old', hoursAgo(24 * 7), { status: 'error', reason: 'stale' }],
  ])('%s', (_why, lastSuccess, expected) => {
    expect(backupAgeStatus(lastSuccess, NOW)).toEqual(expected);
  });
});

describe('backupAgeHours', () => {
  it.each<[Date | null, number | null]>([
    [null, null],
    [hoursAgo(0), 0],
    [hoursAgo(1.25), 1.3],
    [hoursAgo(26.04), 26],
  ])('%s -> %s', (lastSuccess, expected) => {
    expect(backupAgeHours(lastSuccess, NOW)).toBe(expected);
  });
});

describe('isBackupDue', () => {
  it.each<[string, Date | null, Date | null, boolean]>([
    ['fresh instance without any backup', null, null, true],
    ['last success 23 h ago', hoursAgo(23), hoursAgo(23), false],
    ['last success exactly 24 h ago', hoursAgo(24), hoursAgo(24), true],
    ['last success 30 h ago, nothing tried since', hoursAgo(30), hoursAgo(30), true],
    ['overdue, but a failed attempt 20 minutes ago', hoursAgo(30), hoursAgo(1 / 3), false],
    ['overdue, failed attempt an hour ago: retry', hoursAgo(30), hoursAgo(1), true],
    ['never succeeded, failed attempt 10 minutes ago', null, hoursAgo(1 / 6), false],
    ['recent success, failed manual attempt afterwards', hoursAgo(5), hoursAgo(2), false],
  ])('%s -> %s', (_why, lastSuccess, lastAttempt, expected) => {
    expect(isBackupDue(lastSuccess, lastAttempt, NOW)).toBe(expected);
  });
});

describe('databaseStatus', () => {
  it.each<[number | null, ReturnType<typeof databaseStatus>]>([
    [null, { status: 'error', reason: 'unreachable' }],
    [0.4, { status: 'ok', reason: 'reachable' }],
    [249.9, { status: 'ok', reason: 'reachable' }],
    [250, { status: 'warning', reason: 'slow' }],
    [1999, { status: 'warning', reason: 'slow' }],
    [2000, { status: 'error', reason: 'very_slow' }],
  ])('%s ms -> %o', (latency, expected) => {
    expect(databaseStatus(latency)).toEqual(expected);
  });
});

describe('memoryStatus', () => {
  const limit = 4_000_000_000;
  it.each<[number, number, ReturnType<typeof memoryStatus>]>([
    [100_000_000, limit, { status: 'ok', reason: 'normal' }],
    [0.849 * limit, limit, { status: 'ok', reason: 'normal' }],
    [0.85 * limit, limit, { status: 'warning', reason: 'high' }],
    [0.95 * limit, limit, { status: 'error', reason: 'critical' }],
    [10, 0, { status: 'ok', reason: 'normal' }],
  ])('%s of %s -> %o', (used, heapLimit, expected) => {
    expect(memoryStatus(used, heapLimit)).toEqual(expected);
  });
});

describe('worstStatus', () => {
  it.each<[HealthStatus[], HealthStatus]>([
    [[], 'ok'],
    [['ok', 'ok'], 'ok'],
    [['ok', 'warning', 'ok'], 'warning'],
    [['warning', 'error', 'ok'], 'error'],
    [['error', 'warning'], 'error'],
  ])('%o -> %s', (statuses, expected) => {
    expect(worstStatus(statuses)).toBe(expected);
  });
});
