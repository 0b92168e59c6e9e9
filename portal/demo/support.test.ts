import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPortal, type TestPortal } from '../test-support';

let portal: TestPortal;
let token: string;

beforeAll(async () => {
  portal = await startTestPortal();
  token = await portal.signInAdmin();
});

afterAll(async () => portal?.close());

describe('demo support tickets', () => {
  it('are open, pass the portal own rules and carry a first-response deadline', async () => {
    const list = (await portal.request('GET', '/api/v1/tickets?status=open', { token })).json<{
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
