import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_API_PREFIX, type FunctionItemPage } from '../../common/portal-api/member';
import { users } from '../db/schema';
import { DEMO_MEMBER_COUNT, DEMO_MEMBER_PASSWORD } from '../demo/members';
import { startTestPortal, type TestPortal } from '../test-support';

/** The demo gives the member side content: members who can sign in there, news, calendar entries and links. */
let portal: TestPortal;

beforeAll(async () => {
  portal = await startTestPortal();
});

afterAll(async () => portal?.close());

describe('demo member side', () => {
  it('demo members sign in on the member side and read the news, calendar and links', async () => {
    const candidates = await portal.portal.db
      .select({ login: users.login })
      .from(users)
      .where(and(eq(users.isAdmin, false), isNotNull(users.passwordHash)));
    const tokens: string[] = [];
    for (const { login } of candidates) {
      const signIn = await portal.request('POST', `${MEMBER_API_PREFIX}/sessions`, { body: { login, password: DEMO_MEMBER_PASSWORD } });
      if (signIn.status === 201) tokens.push(signIn.json<{ token: string }>().token);
    }
    expect(tokens).toHaveLength(DEMO_MEMBER_COUNT);
    const token = tokens[0]!;
    const count = async (key: string) => (await portal.request('GET', `${MEMBER_API_PREFIX}/functions/${key}/items`, { token })).json<FunctionItemPage>().items.length;
    expect({ news: await count('news'), calendar: await count('calendar'), links: await count('links') }).toEqual({ news: 3, calendar: 3, links: 2 });
    // The demo keeps the default policy: no guest access, so the same call without a session is refused.
    expect((await portal.request('GET', `${MEMBER_API_PREFIX}/functions/news/items`)).status).toBe(403);
  });
});
