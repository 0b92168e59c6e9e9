import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/** What the browser host sends back for a transfer: a stream (a download) or a JSON text (an upload's result). */
export interface TransferAnswer {
  status: number;
  headers: Record<string, string>;
  body: Readable | string;
}

/** One file transfer a contract call prepared; the browser host runs it when the page follows its address. */
export interface Transfer {
  method: 'GET' | 'POST';
  /** `body` is the uploaded file as it arrives (POST), null for a download. */
  run(body: Readable | null): Promise<TransferAnswer>;
}

/** How long an offered address stays usable: the page follows it at once. */
export const TRANSFER_TTL_MS = 60_000;

/**
 * Files too big for the contract (backup archives) go as streams over one-time addresses on the browser host
 * (`/transfers/<id>`): a contract call offers the transfer, the page follows the address once. The id is 256
 * random bits, and the host also requires its own session cookie.
 */
export class TransferRegistry {
  private readonly pending = new Map<string, { transfer: Transfer; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The address the page follows, usable once within TRANSFER_TTL_MS. */
  offer(transfer: Transfer): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.pending.set(id, { transfer, expiresAt: this.now() + TRANSFER_TTL_MS });
    return `/transfers/${id}`;
  }

  /** The transfer behind an id, spent by this call; null when unknown, used, expired or asked with another method. */
  take(id: string, method: string): Transfer | null {
    this.sweep();
    const entry = this.pending.get(id);
    if (entry === undefined || entry.transfer.method !== method) return null;
    this.pending.delete(id);
    return entry.transfer;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(id);
  }
}

/** One registry per console process: the backend offers, the browser host takes. */
export const consoleTransfers = new TransferRegistry();
