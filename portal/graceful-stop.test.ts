import type { Server } from 'node:net';
import { connect } from 'node:tls';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from './db/schema';
import { startTestPortal } from './test-support';

const IN_FLIGHT = 20;

function connections(server: Server): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

/** Waits until the requests have reached the server (their connections are open), at most 10 s. */
async function connectionsOpen(server: Server, count: number): Promise<void> {
  for (let waited = 0; waited < 10_000 && (await connections(server)) < count; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * A stop under load: 20 creates are in flight (each hashes a password, so they take a while) when the
 * portal is told to stop. Every create that committed must have been answered; none may commit unseen.
 */
describe('graceful stop', () => {
  it(`drains ${IN_FLIGHT} in-flight writes: every committed create was answered`, { timeout: 120_000 }, async () => {
    const portal = await startTestPortal();
    try {
      const token = await portal.signInAdmin();
      const logins = Array.from({ length: IN_FLIGHT }, (_, index) => `drain.user${index}`);
      const answers = logins.map((login) =>
        portal
          .request('POST', '/api/v1/users', {
            token,
            body: {
              login,
              displayName: login,
              email: null,
              language: 'de',
              enabled: true,
              isAdmin: false,
              groupIds: [],
              password: { mode: 'set', password: 'Quartz-Harbour-2026!', mustChange: true },
            },
          })
          .then((response) => response.status)
          .catch((error: unknown) => `no answer (${(error as { code?: string }).code ?? String(error)})`),
      );
      await connectionsOpen(portal.portal.app.server, IN_FLIGHT);
      const started = performance.now();
      await portal.portal.app.close();
      const drainMs = performance.now() - started;
      const statuses = await Promise.all(answers);

      const committed = new Set(
        (await portal.portal.db.select({ login: users.login }).from(users).where(inArray(users.login, logins))).map((row) => row.login),
      );
      const answeredCreated = new Set(logins.filter((_, index) => statuses[index] === 201));
      console.info(
        `graceful stop: ${answeredCreated.size} created and answered, ${statuses.filter((s) => s === 503).length} answered 503, ` +
          `${statuses.filter((s) => typeof s === 'string').length} without answer ${JSON.stringify(statuses.filter((s) => typeof s === 'string'))}, ${committed.size} committed; drained in ${Math.round(drainMs)} ms`,
      );
      expect([...committed].sort()).toEqual([...answeredCreated].sort());
      expect(statuses.every((status) => status === 201 || status === 503)).toBe(true);
      expect(answeredCreated.size).toBeGreaterThan(0);
    } finally {
      await portal.close();
    }
  });
});

describe('graceful stop, bounded', () => {
  it('cuts a request that never finishes sending once the drain time is up', { timeout: 30_000 }, async () => {
    const portal = await startTestPortal({ drainTimeoutMs: 300 });
    try {
      const token = await portal.signInAdmin();
      const socket = connect({ host: '127.0.0.1', port: portal.portal.port, rejectUnauthorized: false });
      await new Promise<void>((resolve) => socket.once('secureConnect', () => resolve()));
      const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      // Headers and 10 of 100 announced body bytes: the request stays in flight.
      socket.write(`POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"login":"`);
      await connectionsOpen(portal.portal.app.server, 1);
      const started = performance.now();
      await portal.portal.app.close();
      const stoppedMs = performance.now() - started;
      await ended;
      console.info(`graceful stop with a hung request: stopped after ${Math.round(stoppedMs)} ms (drain time 300 ms)`);
      expect(stoppedMs).toBeGreaterThanOrEqual(250);
      expect(stoppedMs).toBeLessThan(5_000);
    } finally {
      await portal.close();
    }
  });
});
