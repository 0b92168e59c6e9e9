import { describe, expect, it } from 'vitest';
import { sharedSignedInPortal } from '../test-support';

const shared = sharedSignedInPortal();

describe('demo support tickets', () => {
  it('are open, pass the portal own rules and carry a first-response deadline', async () => {
    const list = (await shared.portal.request('GET', '/api/v1/tickets?status=open', { token: shared.token })).json<{
      items: { subject: string; severity: string; firstResponseDueAt: string | null; createdAt: string }[];
    }>();
    const major = list.items.find((ticket) => ticket.subject.startsWith('Urlaubsantrag'));
    const question = list.items.find((ticket) => ticket.subject.startsWith('Frage'));
    expect(major).toMatchObject({ severity: 'major' });
    expect(question).toMatchObject({ severity: 'other' });
    // Professional: major within 8 support hours, so the deadline lies after the filing time.
    expect(Date.parse(major!.firstResponseDueAt!)).toBeGreaterThan(Date.parse(major!.createdAt));
  });
});
