import { describe, expect, it } from 'vitest';
import { findImpossibleText, hasImpossibleCharacter } from '../../common/portal-api/text';
import { sharedSignedInPortal } from '../test-support';

describe('impossible characters', () => {
  it('are NUL and lone surrogates; paired surrogates (emoji) and other control characters are fine', () => {
    expect(hasImpossibleCharacter('a\u0000b')).toBe(true);
    expect(hasImpossibleCharacter('\ud800')).toBe(true);
    expect(hasImpossibleCharacter('x\udc00')).toBe(true);
    expect(hasImpossibleCharacter('Grüße 😀 \t\u0007')).toBe(false);
    expect(findImpossibleText({ rows: [{ login: 'ok' }, { login: 'a\u0000' }] })).toBe('rows.1.login');
    expect(findImpossibleText({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(findImpossibleText({ a: ['fine'] })).toBeNull();
  });
});

describe('the input guard', () => {
  const shared = sharedSignedInPortal();
  const expectRefused = (response: { status: number; headers: Record<string, unknown>; json(): unknown }, path: string) => {
    expect(response.status).toBe(400);
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'invalid_characters', errors: [{ path }] });
  };

  it('refuses NUL in the sign-in body before anyone is signed in', async () => {
    const response = await shared.portal.request('POST', '/api/v1/sessions', { body: { login: 'adm\u0000in', password: 'x' } });
    expectRefused(response, 'body.login');
  });

  it('refuses a lone surrogate in a body, NUL in a query and in a path', async () => {
    const body = { login: 'fuzz', displayName: '\ud800', email: null, language: 'de', enabled: true, isAdmin: false, groupIds: [], password: { mode: 'none' } };
    expectRefused(await shared.api('POST', '/users', { body }), 'body.displayName');
    expectRefused(await shared.api('GET', '/users?q=a%00b'), 'query.q');
    expectRefused(await shared.api('GET', '/audit?actor=%00'), 'query.actor');
    expectRefused(await shared.api('GET', '/tickets/%00'), 'path.id');
  });
});
