import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app';
import type { PortalDb } from '../db/client';
import { problem } from './problem';

let app: FastifyInstance;

class FakeDatabaseError extends Error {
  constructor(readonly code: string) {
    super(`duplicate key value violates unique constraint "users_login_lower_unique" at /srv/portal/db.ts:12:3`);
  }
}

/** No database: the one statement made while the routes register (backups left running are marked interrupted) finds nothing. */
const noDatabase = { update: () => ({ set: () => ({ where: async () => undefined }) }) } as unknown as PortalDb;

beforeAll(async () => {
  // These routes never touch the database, so a stand-in is enough and app.inject needs no TLS.
  app = await buildApp({ db: noDatabase, now: () => new Date('2026-03-02T09:00:00Z') });
  const routes = app.withTypeProvider();
  routes.get('/api/v1/test/crash', { config: { public: true } }, async () => {
    throw new Error('connection to 10.0.0.5 failed at /srv/portal/secret.ts:42:7');
  });
  routes.get('/api/v1/test/db/:code', { config: { public: true } }, async (request) => {
    throw new FakeDatabaseError((request.params as { code: string }).code);
  });
  routes.get('/api/v1/test/wrapped', { config: { public: true } }, async () => {
    throw Object.assign(new Error('Failed query: insert ...'), { cause: new FakeDatabaseError('23505') });
  });
  routes.get('/api/v1/test/rate', { config: { public: true } }, async () => {
    throw problem(429, 'Too Many Requests', { code: 'rate_limited', retryAfter: 7.2 });
  });
  routes.get('/api/v1/test/protected', {}, async () => ({ ok: true }));
  routes.post(
    '/api/v1/test/body',
    { config: { public: true }, schema: { body: z.object({ user: z.object({ email: z.email() }) }) } },
    async () => ({ ok: true }),
  );
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

describe('error handling', () => {
  it('answers unexpected errors with a generic 500 and no internals', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal',
      detail: 'The portal could not process the request.',
    });
  });

  it.each([
    ['23505', 409, 'conflict'],
    ['23503', 409, 'conflict'],
    ['23514', 400, 'constraint_violation'],
    ['22001', 400, 'value_too_long'],
    ['22P02', 400, 'invalid_value'],
    ['40P01', 500, 'internal'],
  ])('maps database error %s to %i %s without the SQL message', async (code, status, problemCode) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/test/db/${code}` });
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(problemCode);
    expect(response.body).not.toMatch(/users_login_lower_unique|secret|\.ts:/);
  });

  it('finds the database code behind a wrapping error (drizzle wraps driver errors)', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/wrapped' });
    expect(response.statusCode).toBe(409);
  });

  it('sends Retry-After (whole seconds) with a 429 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/rate' });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('8');
    expect(response.json()).toMatchObject({ code: 'rate_limited', retryAfter: 7.2 });
  });

  it('protects /api/v1 routes unless they are marked public', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/protected' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('reports nested validation paths with dots', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/test/body', payload: { user: { email: 'kein-mail' } } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'user.email', message: expect.any(String) }]);
  });

  it('answers an empty JSON body with 400', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/test/body', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
