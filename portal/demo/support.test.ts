import { describe, expect, it } from 'vitest';
import { DESK_API_PREFIX } from '../../common/portal-api/desk';
import { sharedSignedInPortal } from '../test-support';
import { DEMO_AGENT } from './support';

const shared = sharedSignedInPortal();

describe('demo support tickets', () => {
  it('pass the portal own rules and carry a first-response deadline; the older one has its first answer, unread', async () => {
    const list = (await shared.portal.request('GET', '/api/v1/tickets', { token: shared.token })).json<{
      items: { subject: string; severity: string; status: string; firstResponseDueAt: string | null; firstResponseAt: string | null; createdAt: string; unreadCount: number }[];
    }>();
    const major = list.items.find((ticket) => ticket.subject.startsWith('Urlaubsantrag'));
    const question = list.items.find((ticket) => ticket.subject.startsWith('Frage'));
    expect(major).toMatchObject({ severity: 'major', status: 'in-progress', unreadCount: 1 });
    expect(question).toMatchObject({ severity: 'other', status: 'open', firstResponseAt: null, unreadCount: 0 });
    // Professional: major within 8 support hours, so the deadline lies after the filing time; answered two hours in: met.
    expect(Date.parse(major!.firstResponseDueAt!)).toBeGreaterThan(Date.parse(major!.createdAt));
    expect(Date.parse(major!.firstResponseAt!)).toBeLessThanOrEqual(Date.parse(major!.firstResponseDueAt!));
  });

  it('has a support desk agent with the documented login, who is not an administrator', async () => {
    const desk = await shared.portal.request('POST', `${DESK_API_PREFIX}/sessions`, { body: { login: DEMO_AGENT.login, password: DEMO_AGENT.password } });
    expect(desk.status, desk.text).toBe(201);
    const admin = await shared.portal.request('POST', '/api/v1/sessions', { body: { login: DEMO_AGENT.login, password: DEMO_AGENT.password } });
    expect(admin.status).toBe(401);
  });
});
