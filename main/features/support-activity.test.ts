import { describe, expect, it } from 'vitest';
import type { PortalClient, PortalRequest, PortalResponse } from '../services/portal-client';
import { pollActivity } from './support';

const activity = { revision: 'r1', unreadTotal: 1, unreadTickets: [{ id: 't1', number: 1001, unread: 1 }] };

/** A portal that answers the activity once and then 304 for the same ETag. */
function fakePortal() {
  const sent: (string | undefined)[] = [];
  const client = {
    text: async (_method: string, path: string, options: PortalRequest = {}): Promise<PortalResponse<string>> => {
      expect(path).toBe('/support/activity');
      const ifNoneMatch = options.headers?.['if-none-match'];
      sent.push(ifNoneMatch);
      if (ifNoneMatch === '"r1"') return { status: 304, etag: '"r1"', data: '', headers: {} };
      return { status: 200, etag: '"r1"', data: JSON.stringify(activity), headers: {} };
    },
  };
  return { client: client as unknown as PortalClient, sent };
}

describe('pollActivity', () => {
  it('asks with the last ETag and answers the kept activity on a 304', async () => {
    const portal = fakePortal();
    expect(await pollActivity(portal.client)).toEqual(activity);
    expect(await pollActivity(portal.client)).toEqual(activity);
    expect(portal.sent).toEqual([undefined, '"r1"']);
  });

  it('keeps the ETag per portal session', async () => {
    const first = fakePortal();
    const second = fakePortal();
    await pollActivity(first.client);
    await pollActivity(second.client);
    expect(second.sent).toEqual([undefined]);
  });
});
