import { hashPassword, type ScryptParams } from '../auth/passwords';

/**
 * scrypt cost for the demo's seeded passwords: N=1024 (~2 ms) instead of 16384 (~55 ms, 16 MiB each). These
 * passwords are published (README, the sign-in hint of the local test portal), so a costly hash protects
 * nothing: whoever could crack one can read it. A first start of the console's embedded portal hashes five of
 * them, and each sign-in with one verifies at this cost. Every password set later (a change, a reset, a new
 * user) is hashed at full cost by the unchanged default of hashPassword.
 */
export const DEMO_PASSWORD_HASH: ScryptParams = { N: 1024, r: 8, p: 1 };

export function hashDemoPassword(password: string): Promise<string> {
  return hashPassword(password, DEMO_PASSWORD_HASH);
}
