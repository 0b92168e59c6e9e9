// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import type { TicketPage, TicketSummary } from '../../../../common/portal-api/support';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { TicketListPage } from './TicketListPage';

const PAGE = 50;
const TOTAL = 120;

function summary(number: number): TicketSummary {
  return {
    id: `0190a5c4-0000-7000-8000-${String(number).padStart(12, '0')}`,
    number,
    subject: `Störung Nr. ${number}`,
    status: 'open',
    severity: number % 3 === 0 ? 'critical' : 'major',
    proposedSeverity: 'major',
    system: 'production',
    area: { kind: 'portal' },
    supportPackage: 'professional',
    firstResponseDueAt: '2026-03-03T12:00:00.000Z',
    responseClock: 'support-hours',
    firstResponseAt: null,
    closedAt: null,
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    createdBy: 'admin',
    commentCount: 0,
    attachmentCount: 0,
    unreadCount: 0,
  };
}

/** Tickets TOTAL down to 1 (newest first), PAGE per page; the cursor is the offset. */
function fakeBackend() {
  const cursors: (string | undefined)[] = [];
  setConsoleTransport({
    call: async (channel, request): Promise<CallResult> => {
      if (channel === 'support:outbox') return { ok: true, value: [] };
      if (channel === 'session:current' || channel === 'session:portal') return { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'test' } };
      if (channel !== 'support:list') return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
      const { cursor } = request as { cursor?: string };
      cursors.push(cursor);
      const offset = cursor === undefined ? 0 : Number(cursor);
      const items = Array.from({ length: Math.min(PAGE, TOTAL - offset) }, (_, index) => summary(TOTAL - offset - index));
      const page: TicketPage = { items, nextCursor: offset + PAGE < TOTAL ? String(offset + PAGE) : null };
      return { ok: true, value: page };
    },
  });
  return cursors;
}

// jsdom lays nothing out: a 600 px viewport and 48 px rows, so the virtualiser renders a window of rows.
const layout: [Extract<keyof HTMLElement, string>, number][] = [
  ['clientHeight', 600],
  ['clientWidth', 1000],
  ['offsetHeight', 48],
];

beforeAll(async () => {
  for (const [property, value] of layout) Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => value });
  await i18n.changeLanguage('en');
});
afterAll(() => {
  for (const [property] of layout) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[property];
});
afterEach(() => setConsoleTransport(null));

const rows = () => screen.getAllByRole('row').filter((row) => row.hasAttribute('data-row-index'));

function renderList() {
  return renderWithProviders(
    <Routes>
      <Route path="/" element={<TicketListPage />} />
      <Route path="/support/:id" element={<p data-testid="opened-ticket">opened</p>} />
    </Routes>,
  );
}

describe('TicketListPage', () => {
  it('renders only the rows in view, not every loaded ticket', async () => {
    fakeBackend();
    renderList();
    await screen.findByTestId('ticket-row-120');
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(PAGE);
    expect(screen.getByTestId('ticket-count').textContent).toContain('50 tickets loaded – more load as you scroll');
  });

  it('moves between rows with the keyboard and opens a ticket with Enter', async () => {
    fakeBackend();
    renderList();
    const first = await screen.findByTestId('ticket-row-120');
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('ticket-row-119')));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(await screen.findByTestId('opened-ticket')).toBeTruthy();
  });

  it('keeps a subject cut short in its column readable in full on hover', async () => {
    fakeBackend();
    renderList();
    const row = await screen.findByTestId('ticket-row-120');
    const subject = within(row).getByRole('link', { name: 'Störung Nr. 120' });
    expect(subject.getAttribute('title')).toBe('Störung Nr. 120');
  });

  it('loads the next page when the end of the loaded tickets scrolls into view', async () => {
    const cursors = fakeBackend();
    renderList();
    await screen.findByTestId('ticket-row-120');
    expect(cursors).toEqual([undefined]);
    const scroller = screen.getByTestId('ticket-scroll');
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 45 * 48 });
    fireEvent.scroll(scroller);
    await waitFor(() => expect(cursors).toEqual([undefined, '50']));
    await waitFor(() => expect(screen.getByTestId('ticket-count').textContent).toContain('100 tickets loaded'));
    expect(rows().length).toBeLessThan(PAGE);
  });
});
