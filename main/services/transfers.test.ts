import { describe, expect, it } from 'vitest';
import { TRANSFER_TTL_MS, TransferRegistry, type Transfer } from './transfers';

const download: Transfer = { method: 'GET', run: async () => ({ status: 200, headers: {}, body: 'archive' }) };
const idOf = (url: string) => url.slice('/transfers/'.length);

describe('TransferRegistry', () => {
  it('offers an unguessable one-time address: the first take gets the transfer, a second gets nothing', () => {
    const registry = new TransferRegistry();
    const url = registry.offer(download);
    expect(url).toMatch(/^\/transfers\/[A-Za-z0-9_-]{43}$/);
    expect(registry.offer(download)).not.toBe(url);
    expect(registry.take(idOf(url), 'GET')).toBe(download);
    expect(registry.take(idOf(url), 'GET')).toBeNull();
  });

  it('refuses another method (a download address cannot take an upload) and keeps the transfer', () => {
    const registry = new TransferRegistry();
    const url = registry.offer(download);
    expect(registry.take(idOf(url), 'POST')).toBeNull();
    expect(registry.take(idOf(url), 'GET')).toBe(download);
  });

  it('forgets an address not followed within its time', () => {
    let now = 1_000;
    const registry = new TransferRegistry(() => now);
    const url = registry.offer(download);
    now += TRANSFER_TTL_MS;
    expect(registry.take(idOf(url), 'GET')).toBeNull();
    expect(registry.take('unknown', 'GET')).toBeNull();
  });
});
