import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPortal, type TestPortal } from './test-support';

let portal: TestPortal;

beforeAll(async () => {
  portal = await startTestPortal({
    loginRateLimit: { max: 2, windowMs: 60_000 },
    rateLimit: { max: 5, windowMs: 60_000 },
  });
});
afterAll(async () => {
  await portal?.close();
});

const signIn = (login: string) => portal.request('POST', '/api/v1/sessions', { body: { login, password: 'falsch' } });

describe('rate limits', () => {
  it('limits sign-in attempts per client and login with 429, Retry-After and retryAfter', async () => {
    expect((await signIn('nobody.one')).status).toBe(401);
    expect((await signIn('NOBODY.one')).status).toBe(401);
    const limited = await signIn('nobody.one');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited', retryAfter });
    // Another login from the same client has its own budget.
    expect((await signIn('nobody.two')).status).toBe(401);
  });

  it('limits all other requests per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await portal.request('GET', '/api/v1/health')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await portal.request('GET', '/api/v1/health');
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
