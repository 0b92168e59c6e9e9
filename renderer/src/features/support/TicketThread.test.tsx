// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import { IdempotencyKey, type Ticket } from '../../../../common/portal-api/support';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { newIdempotencyKey } from './idempotency';
import { TicketThread } from './TicketThread';

const ticket: Ticket = {
  id: '0190a5c4-0000-7000-8000-0000000000aa',
  number: 17,
  subject: 'CRM: Angebote lassen sich nicht speichern',
  status: 'open',
  severity: 'major',
  proposedSeverity: 'major',
  system: 'production',
  area: { kind: 'portal' },
  supportPackage: 'professional',
  firstResponseDueAt: null,
  responseClock: null,
  firstResponseAt: null,
  closedAt: null,
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  createdBy: 'admin',
  commentCount: 0,
  attachmentCount: 0,
  unreadCount: 0,
  answers: { system: 'production', scope: 'whole-portal', impact: 'significant-restriction', concurrentFaults: 1 },
  severityReason: null,
  report: { steps: '', expected: '', actual: '', details: '' },
  contact: { name: 'Anna Admin', email: 'anna@muster-gmbh.de', phone: '', availability: 'Mo-Fr' },
  comments: [],
  attachments: [],
};

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => setConsoleTransport(null));

describe('newIdempotencyKey', () => {
  it('gives a fresh key the portal accepts', () => {
    const key = newIdempotencyKey('comment');
    expect(IdempotencyKey.safeParse(key).success).toBe(true);
    expect(newIdempotencyKey('comment')).not.toBe(key);
  });
});

describe('the comment form', () => {
  it('retries a failed comment under the same Idempotency-Key and uses a new one for new text', async () => {
    const sent: { body: string; idempotencyKey: string }[] = [];
    setConsoleTransport({
      call: async (channel, request): Promise<CallResult> => {
        if (channel !== 'support:comment') return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
        sent.push(request as { body: string; idempotencyKey: string });
        return { ok: false, error: { code: 'UNREACHABLE', message: 'connection reset' } };
      },
    });
    renderWithProviders(<TicketThread ticket={{ etag: '"t.v1"', value: ticket }} />);
    const textbox = screen.getByRole('textbox', { name: 'Comment' });
    fireEvent.change(textbox, { target: { value: 'Tritt nach Neustart wieder auf.' } });
    fireEvent.click(screen.getByTestId('send-comment'));
    await waitFor(() => expect(sent).toHaveLength(1));
    await screen.findByTestId('error-alert');
    fireEvent.click(screen.getByTestId('send-comment'));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);

    fireEvent.change(textbox, { target: { value: 'Tritt nach Neustart wieder auf, auch im Testsystem.' } });
    fireEvent.click(screen.getByTestId('send-comment'));
    await waitFor(() => expect(sent).toHaveLength(3));
    expect(sent[2]!.idempotencyKey).not.toBe(sent[0]!.idempotencyKey);
  });
});

describe('the conversation with the support desk', () => {
  const agentMessage = {
    id: '0190a5c4-0000-7000-8000-0000000000b1',
    body: 'Welche Version läuft auf dem Portal?',
    authorKind: 'agent' as const,
    kind: 'info-request' as const,
    authorLogin: 'support',
    authorName: 'Sabine Support',
    createdAt: '2026-03-02T09:30:00.000Z',
    readAt: null,
  };
  const waiting: Ticket = { ...ticket, status: 'waiting-for-customer', comments: [agentMessage], commentCount: 1, unreadCount: 1 };

  it('shows an unread request for information as new, marks it read once on screen, and asks for a reply', async () => {
    const marked: unknown[] = [];
    setConsoleTransport({
      call: async (channel, request): Promise<CallResult> => {
        if (channel !== 'support:markRead') return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
        marked.push(request);
        const read = { ...waiting, unreadCount: 0, comments: [{ ...agentMessage, readAt: '2026-03-02T09:31:00.000Z' }] };
        return { ok: true, value: { etag: '"t.v2"', value: read } };
      },
    });
    renderWithProviders(<TicketThread ticket={{ etag: '"t.v2"', value: waiting }} />);
    const message = screen.getByTestId('message-agent');
    expect(message.textContent).toContain('Sabine Support (Support desk)');
    expect(message.textContent).toContain('Support asks for information');
    expect(screen.getByTestId('message-new').textContent).toBe('New');
    await waitFor(() => expect(marked).toEqual([{ ticketId: waiting.id, read: true, messageIds: [agentMessage.id] }]));
    // Still "New" in this view after it was marked read, so the administrator sees what arrived.
    expect(screen.getByTestId('message-new').textContent).toBe('New');
    expect(screen.getByTestId('waiting-for-reply')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Your reply to the request for information' })).toBeTruthy();
    expect(screen.getByTestId('send-comment').textContent).toBe('Send reply');
  });

  it('marks nothing when every agent message was read', async () => {
    const calls: string[] = [];
    setConsoleTransport({
      call: async (channel): Promise<CallResult> => {
        calls.push(channel);
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
      },
    });
    const read: Ticket = { ...waiting, status: 'in-progress', unreadCount: 0, comments: [{ ...agentMessage, kind: 'message', readAt: '2026-03-02T09:31:00.000Z' }] };
    renderWithProviders(<TicketThread ticket={{ etag: '"t.v3"', value: read }} />);
    expect(screen.queryByTestId('message-new')).toBeNull();
    expect(screen.getByRole('button', { name: 'Mark as unread' })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual([]);
  });
});

describe('marking read when the portal refuses', () => {
  it('tries once and shows the error instead of asking again and again', async () => {
    let calls = 0;
    setConsoleTransport({
      call: async (): Promise<CallResult> => {
        calls += 1;
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This administrator lacks the right "support"' } };
      },
    });
    const unread: Ticket = {
      ...ticket,
      unreadCount: 1,
      comments: [
        { id: '0190a5c4-0000-7000-8000-0000000000c1', body: 'Antwort', authorKind: 'agent', kind: 'message', authorLogin: 'support', authorName: 'Sabine Support', createdAt: '2026-03-02T09:30:00.000Z', readAt: null },
      ],
    };
    renderWithProviders(<TicketThread ticket={{ etag: '"t.v4"', value: unread }} />);
    await screen.findByTestId('error-alert');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(1);
  });
});
