// @vitest-environment jsdom
import '../../test/setup-dom';
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { TimeLeft } from './ResponseClock';

// Due Monday 19 January 2026, 10:30 CET; support-hours clock.
const DUE = '2026-01-19T09:30:00.000Z';
const ticket = { firstResponseDueAt: DUE, responseClock: 'support-hours' as const, firstResponseAt: null, closedAt: null };

/**
 * Service description 6.3: "innerhalb der Supportzeiten eine erste Rückmeldung geben". One rule for the console's
 * clock and the domain: a response at the deadline is in time, so the clock is not overdue at that instant and an
 * overdue clock never reads "overdue by 0 min".
 */
describe('TimeLeft at the deadline', () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await i18n.changeLanguage('en');
  });
  afterEach(() => vi.useRealTimers());

  it('a response exactly at the deadline reads "First response met"', () => {
    vi.setSystemTime(new Date('2026-01-19T12:00:00Z'));
    renderWithProviders(<TimeLeft ticket={{ ...ticket, firstResponseAt: DUE }} />);
    expect(screen.getByTestId('time-left').textContent).toBe('First response met');
  });

  it('a first response one minute after the deadline reads "First response missed"', () => {
    vi.setSystemTime(new Date('2026-01-19T12:00:00Z'));
    renderWithProviders(<TimeLeft ticket={{ ...ticket, firstResponseAt: '2026-01-19T09:31:00.000Z' }} />);
    expect(screen.getByTestId('time-left').textContent).toBe('First response missed');
  });

  it('a ticket due at 17:00 today, read in the evening, is "overdue since 17:00", never "overdue by 0 min" (issue 11)', () => {
    // Due Wednesday 2 June 2027, 17:00 CEST; read at 18:30 the support clock stands still, so 0 support minutes have passed.
    vi.setSystemTime(new Date('2027-06-02T16:30:00Z'));
    renderWithProviders(<TimeLeft ticket={{ ...ticket, firstResponseDueAt: '2027-06-02T15:00:00.000Z' }} />);
    const text = screen.getByTestId('time-left').textContent ?? '';
    // The time is shown in the machine's zone (UTC here: 15:00).
    expect(text).toMatch(/^overdue since Jun 2, 2027, 15:00$/);
    expect(text).not.toMatch(/0 min/);
  });

  it('at the deadline itself an unanswered ticket is not yet overdue', () => {
    vi.setSystemTime(new Date(DUE));
    renderWithProviders(<TimeLeft ticket={ticket} />);
    expect(screen.getByTestId('time-left').textContent).not.toMatch(/overdue/);
  });

  it('seconds after the deadline it says "overdue since", never "overdue by 0 min"', () => {
    vi.setSystemTime(new Date('2026-01-19T09:30:20Z'));
    renderWithProviders(<TimeLeft ticket={ticket} />);
    const text = screen.getByTestId('time-left').textContent ?? '';
    expect(text).toMatch(/^overdue since /);
    expect(text).not.toMatch(/0 min/);
  });

  it('a whole support minute later it says by how much', () => {
    vi.setSystemTime(new Date('2026-01-19T10:00:00Z'));
    renderWithProviders(<TimeLeft ticket={ticket} />);
    expect(screen.getByTestId('time-left').textContent).toBe('overdue by 30 min of support time');
  });

  it('in German too', async () => {
    await i18n.changeLanguage('de');
    vi.setSystemTime(new Date('2026-01-19T09:30:20Z'));
    renderWithProviders(<TimeLeft ticket={ticket} />);
    expect(screen.getByTestId('time-left').textContent).toMatch(/^überfällig seit 19\.01\.2026/);
  });
});
