// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import type { OutboxEntry, StagedAttachment } from '../../../../common/contract/support';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { useOfflineTicketDraftStore } from './draft-store';
import { emptyTicketForm, type TicketForm } from './form-model';
import { OfflineTicketModal } from './OfflineTicket';

const profile = { id: 'p-prod', name: 'Kundenportal Produktion', environment: 'prod' as const };

const complete: TicketForm = {
  ...emptyTicketForm('prod', 'Anna Admin'),
  impact: 'down',
  subject: 'Portal seit 7 Uhr nicht erreichbar',
  steps: '1. https://portal.muster-gmbh.de öffnen\n2. Mit einem beliebigen Konto anmelden',
  expected: 'Die Startseite des Portals erscheint.',
  actual: 'Der Browser meldet "Verbindung abgelehnt" (ERR_CONNECTION_REFUSED).',
  contactEmail: 'anna@muster-gmbh.de',
  contactAvailability: 'Mo-Fr 8-18 Uhr',
};

const dump: StagedAttachment = {
  id: 'dump-1',
  name: 'heap.zip',
  kind: 'file',
  contentType: 'application/zip',
  size: 2048,
  redaction: { applied: false, count: 0, kinds: {} },
  preview: '',
  previewTruncated: false,
  binary: true,
  entries: null,
  sourceEncoding: null,
};

function entryOf(request: Record<string, unknown>): OutboxEntry {
  return {
    id: '0b7c1c1e-7d53-4c1e-9d3e-3f4f2b0c9a11',
    subject: String(request.subject),
    severity: 'critical',
    profileId: profile.id,
    profileName: profile.name,
    createdAt: '2026-03-02T07:15:00.000Z',
    attempts: 0,
    lastAttemptAt: null,
    nextAttemptAt: null,
    state: 'waiting-for-sign-in',
    lastError: null,
    attachmentCount: 1,
    attachmentBytes: 2048,
  };
}

/** A backend without a session: the outbox answers, queueOffline records the ticket. */
function fakeBackend() {
  const queued: Record<string, unknown>[] = [];
  const channels: string[] = [];
  setConsoleTransport({
    call: async (channel, request): Promise<CallResult> => {
      channels.push(channel);
      if (channel === 'support:outbox') return { ok: true, value: queued.map(entryOf) };
      if (channel === 'support:queueOffline') {
        queued.push(request as Record<string, unknown>);
        return { ok: true, value: entryOf(request as Record<string, unknown>) };
      }
      return { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Not signed in to a portal' } };
    },
  });
  return { queued, channels };
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
beforeEach(() => useOfflineTicketDraftStore.setState({ form: null, attempted: false, profileId: null }));
afterEach(() => setConsoleTransport(null));

const save = () => fireEvent.click(screen.getByTestId('queue-offline-ticket'));

describe('OfflineTicketModal', () => {
  it('says plainly that the ticket waits on this computer for the next sign-in, and queues it for the profile', async () => {
    const backend = fakeBackend();
    useOfflineTicketDraftStore.setState({ form: complete, profileId: profile.id });
    renderWithProviders(<OfflineTicketModal profile={profile} onClose={() => undefined} />);

    expect((await screen.findByTestId('offline-notice')).textContent).toContain(
      'You are not signed in to Kundenportal ProduktionThe ticket is saved on this computer and sent automatically as soon as you have signed in to Kundenportal Produktion again.',
    );
    // The portal is not asked for anything: no server log, no application list.
    expect(screen.queryByTestId('attach-server-log')).toBeNull();
    save();

    expect((await screen.findByTestId('offline-ticket-saved')).textContent).toContain(
      '“Portal seit 7 Uhr nicht erreichbar” will be sent automatically as soon as you have signed in to Kundenportal Produktion.',
    );
    expect(backend.queued).toMatchObject([{ profileId: 'p-prod', subject: complete.subject, severity: 'critical', attachmentIds: [] }]);
    expect((await screen.findByTestId('offline-waiting')).textContent).toContain('1 ticket for this portal waits for your next sign-in');
    expect(backend.channels).not.toContain('support:areas');
    // The written ticket left the draft: another one starts empty.
    expect(useOfflineTicketDraftStore.getState().form?.subject).toBe('');
  });

  it('keeps a binary attachment back until it is confirmed to go without redaction', async () => {
    const backend = fakeBackend();
    useOfflineTicketDraftStore.setState({ form: { ...complete, attachments: [dump] }, profileId: profile.id });
    renderWithProviders(<OfflineTicketModal profile={profile} onClose={() => undefined} />);

    save();
    const confirm = await screen.findByRole('checkbox', { name: /Send “heap.zip” without redaction/ });
    expect(screen.getByTestId('form-issue-count').textContent).toContain('1 entry is missing');
    expect(backend.queued).toEqual([]);

    fireEvent.click(confirm);
    save();
    await waitFor(() => expect(backend.queued).toMatchObject([{ attachmentIds: ['dump-1'], unredactedAttachmentIds: ['dump-1'] }]));
  });
});
