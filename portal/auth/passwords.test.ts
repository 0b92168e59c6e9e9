import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from './passwords';

describe('hashPassword / verifyPassword', () => {
  it('writes scrypt$N$r$p$salt$hash with a 16-byte salt and verifies only the same password', async () => {
    const stored = await hashPassword('Sommer-2026!');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(parsePasswordHash(stored)?.salt.length).toBe(16);
    await expect(verifyPassword('Sommer-2026!', stored)).resolves.toBe(true);
    await expect(verifyPassword('sommer-2026!', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash differently', async () => {
    const [a, b] = await Promise.all([hashPassword('gleich'), hashPassword('gleich')]);
    expect(a).not.toBe(b);
  });

  it('treats NFC and NFD spellings of umlauts as the same password', async () => {
    const stored = await hashPassword('Grüße'.normalize('NFD'));
    await expect(verifyPassword('Grüße'.normalize('NFC'), stored)).resolves.toBe(true);
  });

  it.each([
    ['empty', ''],
    ['other scheme', 'bcrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2g='],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2g='],
    ['N too large (memory exhaustion)', 'scrypt$4194304$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2g='],
    ['r = 0', 'scrypt$16384$0$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2g='],
    ['non-numeric p', 'scrypt$16384$8$x$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2g='],
    ['missing hash', 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA=='],
    ['hash too short', 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$YQ=='],
  ])('rejects a malformed stored hash (%s) without throwing', async (_name, stored) => {
    expect(parsePasswordHash(stored)).toBeNull();
    await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });
});
