// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import type { ImportJob } from '../../../../common/portal-api/users';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { ImportModal } from './ImportModal';

const ok = (value: unknown): CallResult => ({ ok: true, value });
const CSV = '\uFEFFlogin,displayName,email,activationCode,validUntil\r\ncut.one,Cut One,,AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG,2026-12-15T09:00:00.000Z\r\n';

const interrupted: ImportJob = {
  id: '00000000-0000-4000-8000-000000000016',
  state: 'interrupted',
  total: 600,
  processed: 500,
  created: 500,
  skipped: 0,
  issues: [],
  startedAt: '2026-03-04T15:30:00.000Z',
  finishedAt: '2026-03-04T15:31:00.000Z',
  error: 'The portal stopped while this import ran',
  activationCodes: 0,
};

function fakeConsole(handlers: Record<string, (request: Record<string, unknown>) => CallResult>) {
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

function captureDownloads(): { saved: Blob[]; restore(): void } {
  const saved: Blob[] = [];
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  URL.createObjectURL = vi.fn((blob: Blob) => {
    saved.push(blob);
    return 'blob:codes';
  });
  URL.revokeObjectURL = vi.fn();
  return {
    saved,
    restore: () => {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    },
  };
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => setConsoleTransport(null));

describe('interrupted imports in the import dialog', () => {
  it('shows what an interrupted import did and downloads new activation codes for its accounts', async () => {
    const calls = fakeConsole({
      'users:importJobs': () => ok({ jobs: [{ ...interrupted, id: '00000000-0000-4000-8000-000000000017', state: 'done' }, interrupted] }),
      'users:importReissueCodes': () => ok({ filename: 'activation-codes-2026-03-04.csv', csv: CSV }),
    });
    const downloads = captureDownloads();
    try {
      renderWithProviders(<ImportModal onClose={() => undefined} />);
      const listed = await screen.findAllByTestId('interrupted-import');
      expect(listed).toHaveLength(1);
      expect(within(listed[0]!).getByTestId('interrupted-import-summary').textContent).toMatch(/^Started .+: 500 of 600 rows handled, 500 accounts created\.$/);
      fireEvent.click(within(listed[0]!).getByRole('button', { name: 'New activation codes' }));
      expect((await screen.findByTestId('import-new-codes-saved')).textContent).toContain('Saved as activation-codes-2026-03-04.csv');
      expect(await (downloads.saved[0] as Blob).text()).toBe(CSV.replace(/^\uFEFF/, ''));
      expect(calls.filter((call) => call.channel === 'users:importReissueCodes').map((call) => call.request)).toEqual([{ jobId: interrupted.id }]);
      expect(calls.some((call) => call.channel === 'users:importResume')).toBe(false);
    } finally {
      downloads.restore();
    }
  });

  it('resumes the job, follows its progress and then offers new codes for all the accounts it created', async () => {
    let polls = 0;
    const calls = fakeConsole({
      'users:importJobs': () => ok({ jobs: [interrupted] }),
      'users:importResume': () => ok({ ...interrupted, state: 'running', finishedAt: null, error: null }),
      'users:importJob': () => {
        polls += 1;
        return ok(polls === 1 ? { ...interrupted, state: 'running', finishedAt: null, error: null } : { ...interrupted, state: 'done', processed: 600, created: 600, error: null, activationCodes: 100 });
      },
      'users:importReissueCodes': () => ok({ filename: 'activation-codes-2026-03-04.csv', csv: CSV }),
    });
    const downloads = captureDownloads();
    try {
      renderWithProviders(<ImportModal onClose={() => undefined} />);
      fireEvent.click(await screen.findByRole('button', { name: 'Resume' }));
      expect((await screen.findByTestId('import-job-summary')).textContent).toBeTruthy();
      const offer = await screen.findByTestId('import-resumed-codes', {}, { timeout: 3000 });
      expect(screen.getByTestId('import-job-summary').textContent).toBe('Done: 600 created, 0 skipped.');
      expect(screen.queryByTestId('activation-codes')).toBeNull();
      fireEvent.click(within(offer).getByRole('button', { name: 'New activation codes' }));
      expect((await screen.findByTestId('import-new-codes-saved')).textContent).toContain('activation-codes-2026-03-04.csv');
      expect(calls.filter((call) => call.channel === 'users:importResume').map((call) => call.request)).toEqual([{ jobId: interrupted.id }]);
    } finally {
      downloads.restore();
    }
  });
});
