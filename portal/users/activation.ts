import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ACTIVATION_CODE_BYTES, encodeActivationCode, normalizeActivationCode, type ActivationCodeRow } from '../../common/domain/activation-code';

export interface IssuedActivationCode {
  /** Handed to the administrator once; never stored or audited. */
  code: string;
  /** What the users table keeps (SHA-256, hex). */
  hash: string;
}

/** SHA-256 of the normalised code: 140 random bits need no slow hash, so imports stay fast. */
export function hashActivationCode(code: string): string {
  return createHash('sha256').update(normalizeActivationCode(code), 'utf8').digest('hex');
}

export function newActivationCode(): IssuedActivationCode {
  const code = encodeActivationCode(randomBytes(ACTIVATION_CODE_BYTES));
  return { code, hash: hashActivationCode(code) };
}

/** Constant-time comparison of a typed code with the stored hash. */
export function activationCodeMatches(typed: string, storedHash: string): boolean {
  const given = Buffer.from(hashActivationCode(typed), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/**
 * The codes an import job issued, held in memory until the administrator downloads them: once, then they
 * are gone (the portal keeps only hashes). A restart forgets them; the users then need new codes.
 */
export class ActivationCodeDownloads {
  private readonly byJob = new Map<string, ActivationCodeRow[]>();

  add(jobId: string, rows: readonly ActivationCodeRow[]): void {
    if (rows.length === 0) return;
    const held = this.byJob.get(jobId) ?? [];
    held.push(...rows);
    this.byJob.set(jobId, held);
  }

  count(jobId: string): number {
    return this.byJob.get(jobId)?.length ?? 0;
  }

  /** The codes, handed out once. */
  take(jobId: string): ActivationCodeRow[] | undefined {
    const rows = this.byJob.get(jobId);
    this.byJob.delete(jobId);
    return rows;
  }

  forget(jobId: string): void {
    this.byJob.delete(jobId);
  }
}
