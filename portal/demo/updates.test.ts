import { describe, expect, it } from 'vitest';
import { validateCriticalAnnouncement } from '../../common/domain/maintenance';
import { DEMO_PORTAL } from './seed';
import { buildUpdatesDemo } from './updates';

const BERLIN = 'Europe/Berlin';

describe('buildUpdatesDemo', () => {
  it.each([
    ['an ordinary weekday', '2026-03-10T09:00:00Z'],
    ['during the monthly window itself', '2026-04-07T16:00:00Z'],
    ['right after the window ended', '2026-04-07T19:00:01Z'],
    ['new year', '2027-01-01T00:00:00Z'],
  ])('is consistent on %s', (_label, iso) => {
    const now = new Date(iso);
    const data = buildUpdatesDemo(now, BERLIN);
    const byId = new Map(data.releases.map((r) => [r.id, r]));

    // The history chains versions up to the demo portal's version, each applied in a window that has ended.
    expect(data.history.map((h) => h.version).at(-1)).toBe(DEMO_PORTAL.version);
    data.history.forEach((entry, index) => {
      if (index > 0) expect(entry.fromVersion).toBe(data.history[index - 1]?.version);
      expect(entry.windowId).toMatch(/^monthly-\d{4}-\d{2}$/);
      expect(entry.finishedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      const release = byId.get(entry.releaseId ?? '');
      expect(release?.releasedAt.getTime()).toBeLessThan(entry.appliedAt.getTime());
    });

    // Pending releases came out after the last applied window and before now.
    const lastApplied = Math.max(...data.history.map((h) => h.finishedAt.getTime()));
    const pending = data.releases.filter((r) => !data.history.some((h) => h.releaseId === r.id));
    expect(pending.map((r) => r.version).sort()).toEqual(['12.0.4', '12.1.0', '13.0.0']);
    for (const release of pending) {
      expect(release.releasedAt.getTime()).toBeGreaterThan(lastApplied);
      expect(release.releasedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }

    // The critical maintenance respects the 72-hour notice.
    const [announcement] = data.announcements;
    expect(validateCriticalAnnouncement(announcement!.announcedAt!, announcement!.start)).toEqual({ ok: true });
    expect(announcement!.start.getTime()).toBeGreaterThan(now.getTime());
  });

  it('only the feature release 12.1.0 is missing from the Silent Track', () => {
    const data = buildUpdatesDemo(new Date('2026-03-10T09:00:00Z'), BERLIN);
    expect(data.releases.filter((r) => !r.tracks.includes('silent')).map((r) => r.version)).toEqual(['12.1.0']);
    expect(data.releases.filter((r) => r.kind === 'major').map((r) => r.version)).toEqual(['12.0.0', '13.0.0']);
  });

  it('is deterministic for the same clock', () => {
    const now = new Date('2026-03-10T09:00:00Z');
    expect(buildUpdatesDemo(now, BERLIN)).toEqual(buildUpdatesDemo(now, BERLIN));
  });
});
