import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { hashDemoPassword } from './passwords';

describe('the demo passwords', () => {
  it('are hashed at N=1024 and verify; every other password keeps the full cost', async () => {
    const demo = await hashDemoPassword('Admin-Portal-2026');
    expect(demo).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(verifyPassword('Admin-Portal-2026', demo)).resolves.toBe(true);
    await expect(verifyPassword('Admin-Portal-2027', demo)).resolves.toBe(false);
    expect(await hashPassword('Admin-Portal-2026')).toMatch(/^scrypt\$16384\$8\$1\$/);
  });
});
