// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import type { AdminSession, InstanceHealth } from '../../../../common/portal-api/instance';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { HealthBoard } from './HealthBoard';
import { SessionsPanel } from './SessionsPanel';

type Handler = (request: Record<string, unknown>) => CallResult;
const ok = (value: unknown): CallResult => ({ ok: true, value });

function fakeBackend(handlers: Record<string, Handler>) {
  const calls: { channel: string; request: Record<string, unknown> }[] = [];
  setConsoleTransport({
    call: async (channel, request) => {
      calls.push({ channel, request: request as Record<string, unknown> });
      const handler = handlers[channel];
      return handler ? handler(request as Record<string, unknown>) : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
  });
  return calls;
}

function health(backups: Partial<InstanceHealth['components']['backups']>): InstanceHealth {
  return {
    checkedAt: new Date().toISOString(),
    status: backups.status ?? 'ok',
    components: {
      portalServer: {
        status: 'ok',
        reason: 'normal',
        detail: '',
        version: '12.0.3',
        node: 'v20.20.2',
        uptimeSeconds: 3_725,
        memory: { rssBytes: 180_000_000, heapUsedBytes: 60_000_000, heapLimitBytes: 4_000_000_000 },
      },
      database: { status: 'ok', reason: 'reachable', detail: '', engine: 'postgresql', latencyMs: 1.4, sizeBytes: 9_224_315, serverVersion: 'PostgreSQL 16.4' },
      backups: {
        status: 'ok',
        reason: 'recent',
        detail: '',
        managedBy: 'portal',
        intervalHours: 24,
        lastSuccessAt: '2026-03-10T01:00:05Z',
        ageHours: 8,
        running: false,
        ...backups,
      },
      sessions: { status: 'ok', reason: 'counted', detail: '', active: 2 },
    },
  };
}

function session(overrides: Partial<AdminSession>): AdminSession {
  return {
    id: 'a'.repeat(64),
    user: { id: 'u1', login: 'admin', displayName: 'Administrator' },
    createdAt: '2026-03-10T08:00:00Z',
    expiresAt: '2026-03-10T16:00:00Z',
    current: false,
    ...overrides,
  };
}

beforeAll(async () => {
  await i18n.changeLanguage('de');
});

afterAll(async () => {
  await i18n.changeLanguage('en');
});

afterEach(() => setConsoleTransport(null));

describe('HealthBoard', () => {
  it.each<[string, Partial<InstanceHealth['components']['backups']>, string, string]>([
    ['recent', {}, 'ok', 'Die letzte Sicherung ist 8 Stunden alt: innerhalb der 24-Stunden-Regel.'],
    ['under an hour', { ageHours: 0.4 }, 'ok', 'Die letzte Sicherung ist weniger als eine Stunde alt: innerhalb der 24-Stunden-Regel.'],
    ['overdue', { status: 'warning', reason: 'overdue', ageHours: 30.5 }, 'warning', 'Die letzte Sicherung ist 30,5 Stunden alt: die tägliche Sicherung ist überfällig.'],
    ['never', { status: 'error', reason: 'never', ageHours: null, lastSuccessAt: null }, 'error', 'Es gibt noch keine erfolgreiche Sicherung.'],
    [
      'provider',
      { reason: 'provider', managedBy: 'provider', ageHours: null, lastSuccessAt: null },
      'ok',
      'Die PostgreSQL-Datenbank sichert der Hosting-Anbieter alle 24 Stunden; das Portal sieht diese Sicherungen nicht.',
    ],
  ])('words the backup rule in German: %s', async (_why, backups, status, sentence) => {
    fakeBackend({ 'instance:health': () => ok(health(backups)) });
    renderWithProviders(<HealthBoard />);
    const card = await screen.findByTestId('health-backups');
    expect(card.getAttribute('data-status')).toBe(status);
    expect(card.textContent).toContain(sentence);
    expect(screen.getByTestId('health-database').textContent).toContain('PostgreSQL');
    expect(screen.getByTestId('health-sessions').textContent).toContain('2 aktive Admin-Sitzungen.');
  });

  it('says when it was measured and measures again on request', async () => {
    const calls = fakeBackend({ 'instance:health': () => ok(health({})) });
    renderWithProviders(<HealthBoard />);
    expect((await screen.findByTestId('health-read-at')).textContent).toMatch(/Gemessen am .+ \(jetzt\) Aktualisiert sich alle 15 Sekunden\./);
    expect(screen.getByTestId('health-portal-server').textContent).toContain('1 h 2 min');
    fireEvent.click(screen.getByRole('button', { name: 'Jetzt messen' }));
    await waitFor(() => expect(calls.filter((c) => c.channel === 'instance:health')).toHaveLength(2));
  });
});

describe('SessionsPanel', () => {
  it('asks before ending another session and ends it on confirmation', async () => {
    const other = session({ id: 'b'.repeat(64), user: { id: 'u2', login: 'mia', displayName: 'Mia Maier' } });
    const calls = fakeBackend({
      'instance:sessions': () => ok({ items: [session({ current: true }), other], nextCursor: null }),
      'instance:revokeSession': () => ok({ ok: true, endedOwnSession: false }),
    });
    renderWithProviders(<SessionsPanel />);
    fireEvent.click(await screen.findByRole('button', { name: /Sitzung von Mia Maier beenden/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Die Sitzung von Mia Maier');
    expect(within(dialog).queryByTestId('revoke-own-warning')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sitzung beenden' }));
    await waitFor(() => expect(calls.find((c) => c.channel === 'instance:revokeSession')?.request).toEqual({ id: other.id }));
  });

  it('warns that ending its own session signs the console out, and Cancel keeps it', async () => {
    const calls = fakeBackend({ 'instance:sessions': () => ok({ items: [session({ current: true })], nextCursor: null }) });
    renderWithProviders(<SessionsPanel />);
    expect(await screen.findByText('Diese Konsole')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Sitzung von Administrator beenden/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('revoke-own-warning').textContent).toContain('werden Sie sofort abgemeldet');
    expect(within(dialog).getByRole('button', { name: 'Beenden und abmelden' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.some((c) => c.channel === 'instance:revokeSession')).toBe(false);
  });
});
