// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import type { AvailabilityMonth, AvailabilityReport, Outage } from '../../../../common/portal-api/availability';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { AvailabilityPanel } from './AvailabilityPanel';

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

function month(overrides: Partial<AvailabilityMonth> & Pick<AvailabilityMonth, 'month' | 'from' | 'to'>): AvailabilityMonth {
  return {
    current: false,
    monthMinutes: 44_640,
    maintenanceMinutes: 240,
    scheduledMinutes: 44_400,
    downtimeMinutes: 0,
    excusedMinutes: 0,
    allowedDowntimeMinutes: 222,
    budgetLeftMinutes: 222,
    availability: 1,
    status: 'met',
    countedOutages: 0,
    ...overrides,
  };
}

const ongoing: Outage = {
  id: '0b3f3f7e-5c1a-4a0e-9d7e-2f1f9c1e8a11',
  start: '2027-06-02T07:45:00.000Z',
  end: null,
  severity: 'critical',
  cause: 'nginx answers 502 since 09:45',
  customerComponent: false,
  recordedBy: 'support',
  closedBy: null,
  createdAt: '2027-06-02T07:50:00.000Z',
  updatedAt: '2027-06-02T07:50:00.000Z',
};

const report: AvailabilityReport = {
  checkedAt: '2027-06-02T08:15:00.000Z',
  timeZone: 'Europe/Berlin',
  target: 0.995,
  ongoing: [ongoing],
  months: [
    month({
      month: '2027-06',
      from: '2027-05-31T22:00:00.000Z',
      to: '2027-06-30T22:00:00.000Z',
      current: true,
      status: 'on_track',
      downtimeMinutes: 30,
      allowedDowntimeMinutes: 214.2,
      budgetLeftMinutes: 184.2,
      availability: 0.9993,
    }),
    month({ month: '2027-05', from: '2027-04-30T22:00:00.000Z', to: '2027-05-31T22:00:00.000Z', downtimeMinutes: 95, excusedMinutes: 120, availability: 0.99786, budgetLeftMinutes: 127 }),
    month({ month: '2027-04', from: '2027-03-31T22:00:00.000Z', to: '2027-04-30T22:00:00.000Z' }),
    month({ month: '2027-03', from: '2027-02-28T23:00:00.000Z', to: '2027-03-31T22:00:00.000Z', status: 'missed', downtimeMinutes: 250, availability: 0.99436, budgetLeftMinutes: -28.3 }),
  ],
};

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

afterEach(() => setConsoleTransport(null));

describe('AvailabilityPanel', () => {
  it('shows the current month against 99.5 % with the budget left, and the past months met or missed', async () => {
    fakeBackend({ 'instance:availability': () => ok(report) });
    renderWithProviders(<AvailabilityPanel />);
    const current = await screen.findByTestId('availability-current');
    expect(current.getAttribute('data-status')).toBe('on_track');
    expect(within(current).getByText('June 2027 (current month)')).toBeTruthy();
    expect(within(current).getByTestId('availability-current-value').textContent).toBe('99.93%');
    expect(within(current).getByTestId('availability-budget-left').textContent).toBe('3 h 5 min');
    expect(within(current).getByText('On track')).toBeTruthy();
    const may = screen.getByTestId('availability-month-2027-05');
    expect(may.getAttribute('data-status')).toBe('met');
    expect(within(may).getByRole('rowheader').textContent).toBe('May 2027');
    expect(within(may).getByText('1 h 35 min')).toBeTruthy();
    expect(within(may).getByText('2 h')).toBeTruthy();
    const march = screen.getByTestId('availability-month-2027-03');
    expect(within(march).getByText('Missed')).toBeTruthy();
    expect(within(march).getByText('99.436%')).toBeTruthy();
    expect(screen.getByTestId('availability-months').querySelector('caption')?.textContent).toBe('The last 3 months');
  });

  it('closes an ongoing outage at the portal\'s now, with the version it showed', async () => {
    const calls = fakeBackend({
      'instance:availability': () => ok(report),
      'instance:closeOutage': () => ok({ ...ongoing, end: '2027-06-02T08:20:00.000Z', closedBy: 'admin' }),
    });
    renderWithProviders(<AvailabilityPanel />);
    const alert = await screen.findByTestId('ongoing-outage');
    expect(within(alert).getByText('Ongoing critical fault')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Record as resolved now' }));
    await waitFor(() => expect(calls.some((call) => call.channel === 'instance:closeOutage')).toBe(true));
    // No end from the console's clock: the portal closes it at its own now.
    expect(calls.find((call) => call.channel === 'instance:closeOutage')?.request).toEqual({ id: ongoing.id, updatedAt: ongoing.updatedAt });
  });

  it('records an outage: says what is missing, keeps what was typed when the portal refuses, sends it once corrected', async () => {
    let refuse = true;
    const calls = fakeBackend({
      'instance:availability': () => ok(report),
      'instance:recordOutage': (request) =>
        refuse
          ? { ok: false, error: { code: 'VALIDATION', message: 'start must not lie after now' } }
          : ok({ ...ongoing, id: '5d7a1d1e-2b6f-4f55-8a3c-7a0b5d8f0c22', ...request }),
    });
    renderWithProviders(<AvailabilityPanel />);
    fireEvent.click(await screen.findByTestId('record-outage'));
    const dialog = await screen.findByRole('dialog', { name: 'Record outage' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await within(dialog).findByText('Please describe the cause (at least 3 characters).')).toBeTruthy();
    expect(calls.some((call) => call.channel === 'instance:recordOutage')).toBe(false);

    fireEvent.change(within(dialog).getByLabelText(/Start \(local time\)/), { target: { value: '2027-06-02T09:40' } });
    fireEvent.click(within(dialog).getByLabelText('The outage is still going on'));
    fireEvent.change(within(dialog).getByLabelText(/End \(local time\)/), { target: { value: '2027-06-02T09:30' } });
    fireEvent.change(within(dialog).getByLabelText(/Cause and impact/), { target: { value: 'Portal down: storage' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await within(dialog).findByText('The end must lie after the start.')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText(/End \(local time\)/), { target: { value: '2027-06-02T10:10' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(await within(dialog).findByTestId('error-alert')).toBeTruthy();
    expect((within(dialog).getByLabelText(/Cause and impact/) as HTMLTextAreaElement).value).toBe('Portal down: storage');

    refuse = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Record outage' })).toBeNull());
    const sent = calls.filter((call) => call.channel === 'instance:recordOutage').at(-1)?.request;
    expect(sent).toEqual({
      start: new Date('2027-06-02T09:40').toISOString(),
      end: new Date('2027-06-02T10:10').toISOString(),
      severity: 'critical',
      cause: 'Portal down: storage',
      customerComponent: false,
    });
  });
});
