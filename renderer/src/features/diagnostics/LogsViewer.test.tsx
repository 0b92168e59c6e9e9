// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult, SessionState } from '../../../../common/contract';
import type { ServerLogFollowPage } from '../../../../common/portal-api/log-follow';
import type { ServerLogEntry, ServerLogPage } from '../../../../common/portal-api/support';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { defaultLogFilters } from './logs-query';
import { useLogsUi } from './logs-store';
import { LogsViewer } from './LogsViewer';

type LogsRequest = { from: string; to: string; level?: string; cursor?: string; contains?: string; limit?: number };
const ok = (value: unknown): CallResult => ({ ok: true, value });

const session: SessionState = {
  profileId: 'p1',
  profileName: 'Intranet',
  environment: 'prod',
  portal: { name: 'Intranet', version: '12.0.3', track: 'silent', environment: 'prod', timeZone: 'Europe/Berlin', supportPackage: 'premium' },
  user: { id: 'u1', login: 'admin', displayName: 'Administrator', isAdmin: true, mustChangePassword: false },
  expiresAt: '2099-01-01T00:00:00Z',
  rememberMeAllowed: true,
};

const signIn: ServerLogEntry = {
  seq: 1,
  at: '2026-03-10T08:00:00.250Z',
  level: 'info',
  message: 'POST /api/v1/sessions 201',
  context: { reqId: 'req-7', method: 'POST', path: '/api/v1/sessions', status: 201 },
};
const refused: ServerLogEntry = {
  seq: 2,
  at: '2026-03-10T08:00:01.000Z',
  level: 'warn',
  message: 'sign-in refused',
  context: { login: 'mia', reason: 'wrong login or password' },
};
const ownQuery: ServerLogEntry = { seq: 3, at: '2026-03-10T08:00:02.000Z', level: 'info', message: 'GET /api/v1/logs 200' };
const started: ServerLogEntry = { seq: 4, at: '2026-03-10T08:00:03.000Z', level: 'error', message: 'request failed' };

/** A fake backend answering `instance:logs` with `pages(request)`; records every log request. */
function fakeBackend(pages: (request: LogsRequest) => ServerLogPage) {
  const requests: LogsRequest[] = [];
  setConsoleTransport({
    call: async (channel, request) => {
      if (channel === 'session:current') return ok(session);
      if (channel !== 'instance:logs') return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
      requests.push(request as LogsRequest);
      return ok(pages(request as LogsRequest));
    },
  });
  return requests;
}

const onePage = (items: ServerLogEntry[]) => () => ({ items, nextCursor: null });

// jsdom lays nothing out: give the list a viewport of 600 px and every row 36 px, so the virtualiser renders.
const layout: [Extract<keyof HTMLElement, string>, number][] = [
  ['clientHeight', 600],
  ['clientWidth', 800],
  ['offsetHeight', 36],
];

beforeAll(async () => {
  for (const [property, value] of layout) Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => value });
  await i18n.changeLanguage('de');
});

afterAll(async () => {
  for (const [property] of layout) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[property];
  await i18n.changeLanguage('en');
});

beforeEach(() => useLogsUi.setState({ filters: defaultLogFilters, follow: false, hideLogQueries: true }));
afterEach(() => setConsoleTransport(null));

const rows = () => screen.getAllByTestId('log-row');
const followSwitch = () => screen.getByRole<HTMLInputElement>('switch', { name: /Live verfolgen/ });

describe('LogsViewer', () => {
  it('reads the last hour at every level and shows time in the portal zone, level words and messages', async () => {
    const requests = fakeBackend(onePage([signIn, refused, ownQuery, started]));
    renderWithProviders(<LogsViewer />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const [first] = requests;
    expect(Date.parse(first!.to) - Date.parse(first!.from)).toBe(3_600_000);
    expect(first).toMatchObject({ level: 'debug' });
    expect(first?.contains).toBeUndefined();

    expect(rows()[0]?.textContent).toContain('10. März 2026, 09:00:00,250');
    expect(rows().map((row) => row.getAttribute('data-level'))).toEqual(['info', 'warn', 'error']);
    expect(rows().map((row) => within(row).getByTestId('log-level').textContent)).toEqual(['Info', 'Warnung', 'Fehler']);
    expect(screen.getByTestId('log-time-zone').textContent).toContain('Europe/Berlin');
    // The viewer's own queries are hidden until asked for.
    expect(screen.getByTestId('log-count').textContent).toBe('3 Einträge geladen · 1 Protokollabfrage ausgeblendet');
    fireEvent.click(screen.getByLabelText(/Abfragen dieses Protokolls ausblenden/));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(rows()[2]?.textContent).toContain('GET /api/v1/logs 200');
  });

  it('opens the context with the keyboard and moves between entries', async () => {
    fakeBackend(onePage([signIn, refused, started]));
    renderWithProviders(<LogsViewer />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const first = rows()[0]!;
    // The row's disclosure button carries the state (a row may not carry aria-expanded).
    expect(first.hasAttribute('aria-expanded')).toBe(false);
    expect(within(first).getByRole('button').getAttribute('aria-expanded')).toBe('false');
    first.focus();
    fireEvent.keyDown(first, { key: 'Enter' });
    const context = await screen.findByTestId('log-context');
    expect(JSON.parse(context.textContent ?? '')).toEqual(signIn.context);
    expect(within(first).getByRole('button').getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(first, { key: 'ArrowLeft' });
    await waitFor(() => expect(screen.queryByTestId('log-context')).toBeNull());

    fireEvent.keyDown(first, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(rows()[1]));
    fireEvent.keyDown(rows()[1]!, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(rows()[2]));
    // An entry without context has nothing to open.
    expect(within(rows()[2]!).queryByRole('button')).toBeNull();
    fireEvent.keyDown(rows()[2]!, { key: 'Enter' });
    expect(screen.queryByTestId('log-context')).toBeNull();
  });

  it('sends the level and text filters, and a custom range in the portal zone', async () => {
    const requests = fakeBackend(onePage([refused]));
    renderWithProviders(<LogsViewer />);
    await waitFor(() => expect(requests).toHaveLength(1));

    fireEvent.change(screen.getByLabelText('Mindeststufe'), { target: { value: 'warn' } });
    await waitFor(() => expect(requests.at(-1)).toMatchObject({ level: 'warn' }));
    fireEvent.change(screen.getByLabelText('Enthält'), { target: { value: '  sign-in ' } });
    fireEvent.submit(screen.getByTestId('log-filters'));
    await waitFor(() => expect(requests.at(-1)).toMatchObject({ level: 'warn', contains: 'sign-in' }));

    fireEvent.click(screen.getByLabelText('Eigener Zeitraum'));
    const from = screen.getByLabelText(/^Von/) as HTMLInputElement;
    expect(from.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    fireEvent.change(from, { target: { value: '2026-03-10T11:00' } });
    fireEvent.change(screen.getByLabelText(/^Bis/), { target: { value: '2026-03-10T10:30' } });
    expect(await screen.findByText('Der Beginn darf nicht nach dem Ende liegen.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Filtern' }) as HTMLButtonElement).disabled).toBe(true);
    expect(followSwitch().disabled).toBe(false);

    fireEvent.change(from, { target: { value: '2026-03-10T09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filtern' }));
    await waitFor(() =>
      expect(requests.at(-1)).toMatchObject({ from: '2026-03-10T08:00:00.000Z', to: '2026-03-10T09:30:00.000Z', level: 'warn', contains: 'sign-in' }),
    );
    // A range that ended in the past cannot be followed.
    expect(followSwitch().disabled).toBe(true);
  });

  it('loads the next page on the cursor of the same range', async () => {
    const requests = fakeBackend((request) =>
      request.cursor === undefined ? { items: [signIn], nextCursor: 'after-1' } : { items: [refused], nextCursor: null },
    );
    renderWithProviders(<LogsViewer />);
    // The short list is in view entirely, so the viewer asks for the next page on its own as well.
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(requests[1]).toMatchObject({ cursor: 'after-1', from: requests[0]!.from, to: requests[0]!.to });
    expect(screen.queryByTestId('log-load-more')).toBeNull();
  });

  it('offers "load more" while the portal has more than is in view', async () => {
    const firstPage = Array.from({ length: 100 }, (_, index) => ({ ...signIn, seq: index + 1 }));
    const requests = fakeBackend((request) =>
      request.cursor === undefined ? { items: firstPage, nextCursor: 'after-100' } : { items: [{ ...refused, seq: 101 }], nextCursor: null },
    );
    renderWithProviders(<LogsViewer />);
    const more = await screen.findByTestId('log-load-more');
    // Only the rows in view (and a few around them) exist in the DOM.
    expect(rows().length).toBeLessThan(40);
    expect(requests).toHaveLength(1);
    fireEvent.click(more);
    await waitFor(() => expect(screen.queryByTestId('log-load-more')).toBeNull());
    expect(requests.at(-1)).toMatchObject({ cursor: 'after-100', from: requests[0]!.from, to: requests[0]!.to });
    expect(screen.getByTestId('log-count').textContent).toBe('101 Einträge geladen');
  });

  it('follows new entries from the last one on, one held request at a time', async () => {
    const followRequests: { after?: number; level?: string; contains?: string }[] = [];
    const answers: ServerLogFollowPage[] = [{ items: [refused], lastSeq: 2, more: false }];
    setConsoleTransport({
      call: async (channel, request) => {
        if (channel === 'session:current') return ok(session);
        if (channel === 'instance:logs') return ok({ items: [signIn], nextCursor: null });
        if (channel !== 'instance:followLogs') return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
        followRequests.push(request as { after?: number });
        // The portal holds the request while nothing new is logged.
        await new Promise((resolve) => setTimeout(resolve, 20));
        return ok(answers.shift() ?? { items: [], lastSeq: 2, more: false });
      },
    });
    useLogsUi.setState({ filters: { ...defaultLogFilters, preset: 'custom', customFrom: '2026-03-10T08:00', level: 'info' } });
    renderWithProviders(<LogsViewer followRetryMs={30} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(followSwitch());
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[1]?.textContent).toContain('sign-in refused');
    expect(followRequests[0]).toMatchObject({ after: 1, level: 'info' });
    await waitFor(() => expect(followRequests.length).toBeGreaterThan(2));
    // Each request continues where the last answer ended.
    expect(followRequests.slice(1).every((request) => request.after === 2)).toBe(true);
    expect(screen.getByTestId('log-count').textContent).toContain('neue Einträge werden verfolgt');
    // Paused: no request is made any more.
    fireEvent.click(followSwitch());
    const made = followRequests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(followRequests.length).toBeLessThanOrEqual(made + 1);
    expect(rows().map((row) => row.getAttribute('data-seq'))).toEqual(['1', '2']);
  });

  it('does not ask again in a tight loop when the portal answers at once with nothing', async () => {
    let calls = 0;
    setConsoleTransport({
      call: async (channel) => {
        if (channel === 'session:current') return ok(session);
        if (channel === 'instance:logs') return ok({ items: [signIn], nextCursor: null });
        calls += 1;
        return ok({ items: [], lastSeq: 1, more: false });
      },
    });
    useLogsUi.setState({ filters: { ...defaultLogFilters, preset: 'custom', customFrom: '2026-03-10T08:00' }, follow: true });
    renderWithProviders(<LogsViewer followRetryMs={100} />);
    await waitFor(() => expect(calls).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(calls).toBeLessThanOrEqual(6);
  });

  it('shows a failed follow request and tries again', async () => {
    let calls = 0;
    setConsoleTransport({
      call: async (channel) => {
        if (channel === 'session:current') return ok(session);
        if (channel === 'instance:logs') return ok({ items: [signIn], nextCursor: null });
        calls += 1;
        if (calls === 1) return { ok: false, error: { code: 'UNREACHABLE' as const, message: 'connection refused' } };
        return ok({ items: calls === 2 ? [refused] : [], lastSeq: 2, more: false });
      },
    });
    useLogsUi.setState({ filters: { ...defaultLogFilters, preset: 'custom', customFrom: '2026-03-10T08:00' }, follow: true });
    renderWithProviders(<LogsViewer followRetryMs={30} />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
