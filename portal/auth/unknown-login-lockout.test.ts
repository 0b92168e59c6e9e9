import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPortal, type TestPortal, type TestResponse } from '../test-support';
import { UnknownLoginLockout } from './unknown-login-lockout';

let clock = new Date('2026-03-02T09:00:00Z');
let portal: TestPortal;

beforeAll(async () => {
  portal = await startTestPortal({ now: () => clock, loginRateLimit: { max: 1000, windowMs: 60_000 } });
  await portal.addUser({ login: 'real.person', password: 'Richtig-Passwort-1', isAdmin: true });
  await portal.addUser({ login: 'disabled.person', password: 'Richtig-Passwort-1', isAdmin: true, enabled: false });
});

afterAll(async () => {
  await portal?.close();
});

const signIn = (login: string, password = 'falsch') => portal.request('POST', '/api/v1/sessions', { body: { login, password } });

/** What a client learns from an answer: status and the problem body. */
function seen(response: TestResponse): unknown {
  return { status: response.status, body: response.json() };
}

async function attempts(login: string, count: number): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (let i = 0; i < count; i += 1) answers.push(seen(await signIn(login)));
  return answers;
}

describe('the lockout does not tell who has an account', () => {
  it('an unknown and a disabled login get the answers of a real account, failure by failure (default policy: 3, 30 minutes)', async () => {
    const real = await attempts('real.person', 4);
    expect(real.map((answer) => (answer as { status: number }).status)).toEqual([401, 401, 423, 423]);
    expect(real[2]).toMatchObject({ body: { code: 'account_locked', lockedUntil: '2026-03-02T09:30:00.000Z' } });
    expect(await attempts('nobody.here', 4)).toEqual(real);
    expect(await attempts('NOBODY.HERE', 1)).toEqual([real[3]]);
    expect(await attempts('disabled.person', 4)).toEqual(real);
  });

  it('after the lock both count again from zero', async () => {
    clock = new Date('2026-03-02T09:31:00Z');
    const real = await attempts('real.person', 1);
    expect(real).toEqual([{ status: 401, body: expect.objectContaining({ code: 'invalid_credentials' }) }]);
    expect(await attempts('nobody.here', 1)).toEqual(real);
    expect((await signIn('real.person', 'Richtig-Passwort-1')).status).toBe(201);
  });

  it('takes as long for an unknown login as for a wrong password (both one scrypt)', async () => {
    const time = async (login: string) => {
      const started = performance.now();
      await signIn(login);
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const real: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock = new Date(clock.getTime() + 60 * 60_000);
      real.push(await time('real.person'));
      unknown.push(await time(`nobody.${i}`));
    }
    const ratio = median(unknown) / median(real);
    console.info(`sign-in refusal, median of 5: real ${median(real).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('UnknownLoginLockout', () => {
  it('keeps at most 10,000 logins, forgetting the oldest first', () => {
    const tracker = new UnknownLoginLockout();
    const step = (state: { failedAttempts: number; lockedUntil: Date | null }) => ({ ...state, failedAttempts: state.failedAttempts + 1 });
    for (let i = 0; i < 10_005; i += 1) tracker.fail(`login${i}`, step);
    expect(tracker.size).toBe(10_000);
    expect(tracker.stateOf('login0').failedAttempts).toBe(0);
    expect(tracker.stateOf('LOGIN10004').failedAttempts).toBe(1);
  });
});
