import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamFailureLine } from '../../common/portal-api/streams';
import { registerTransferRoutes } from '../transfer-routes';
import type { ClientLog } from './client-log';
import { offerDownload, type DownloadSource } from './file-download';
import { TransferRegistry } from './transfers';

const MiB = 1024 * 1024;
/** Bigger than the allowed growth, so holding the file anywhere fails the memory checks. */
const TOTAL = Number(process.env.FD_TOTAL ?? 96) * MiB;
const RSS_GROWTH_LIMIT = 40 * MiB;
const WARM_UP = 16 * MiB;

const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as ClientLog;

/** 64 KiB of CSV-like lines (each ends with CRLF), the same block again and again: nothing to keep. */
const LINE = 'user.0000,Benutzer,true,read,write,none,admin\r\n';
const BLOCK = Buffer.from(LINE.repeat(Math.floor((64 * 1024) / LINE.length)));

function blocks(total: number): Readable {
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += BLOCK.length) yield BLOCK;
    })(),
  );
}

function expectedOf(total: number): { bytes: number; sha256: string; lines: number } {
  const hash = createHash('sha256');
  let bytes = 0;
  for (; bytes < total; bytes += BLOCK.length) hash.update(BLOCK);
  return { bytes, sha256: hash.digest('hex'), lines: (bytes / BLOCK.length) * (BLOCK.length / LINE.length) };
}

/** The highest RSS above the starting one while `work` runs (sampled every 10 ms). */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, growth: peak - start };
  } finally {
    clearInterval(sampler);
  }
}

function source(body: () => Readable, extra: Partial<DownloadSource> = {}): DownloadSource & { opened: number } {
  const counted = {
    opened: 0,
    file: 'rights-matrix-2027-06-02.csv',
    contentType: 'text/csv; charset=utf-8',
    open: async () => {
      counted.opened += 1;
      return { body: body() };
    },
    ...extra,
  };
  return counted;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-download-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('Electron: streamed to the path the save dialog gives', () => {
  it(`writes ${TOTAL / MiB} MiB whole, counting its lines, with RSS growth under ${RSS_GROWTH_LIMIT / MiB} MiB`, async () => {
    const path = join(dir, 'matrix.csv');
    const dialogs = { saveFile: async (name: string) => (name === 'rights-matrix-2027-06-02.csv' ? path : null) };
    const save = (total: number) => offerDownload({ fileDialogs: dialogs, log }, source(() => blocks(total), { portalText: true }));
    await save(WARM_UP);
    const { value, growth } = await rssGrowth(() => save(TOTAL));
    const expected = expectedOf(TOTAL);
    expect(value).toEqual({ kind: 'saved', path, file: 'rights-matrix-2027-06-02.csv', bytes: expected.bytes, lines: expected.lines });
    expect((await stat(path)).size).toBe(expected.bytes);
    expect(createHash('sha256').update(await readFile(path)).digest('hex')).toBe(expected.sha256);
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT);
  });

  it('cancelled in the dialog: nothing is opened or written', async () => {
    const counted = source(() => blocks(MiB));
    expect(await offerDownload({ fileDialogs: { saveFile: async () => null }, log }, counted)).toEqual({ kind: 'cancelled' });
    expect(counted.opened).toBe(0);
  });

  it('asks the dialog before it opens anything, even when the portal names the file', async () => {
    const path = join(dir, 'chosen.json');
    const order: string[] = [];
    const named = source(() => blocks(MiB), {
      open: async () => (order.push('open'), { body: Readable.from([Buffer.from('{}')]), file: 'muster-configuration.json' }),
    });
    const answer = await offerDownload({ fileDialogs: { saveFile: async (name) => (order.push(`dialog ${name}`), path) }, log }, named);
    expect(order).toEqual(['dialog rights-matrix-2027-06-02.csv', 'open']);
    expect(answer).toMatchObject({ kind: 'saved', path, file: 'muster-configuration.json', bytes: 2 });
  });

  it('an export the portal ended with the failure marker is not kept, nor its partial file', async () => {
    const path = join(dir, 'cut.csv');
    const cut = () => Readable.from([BLOCK, BLOCK, Buffer.from(streamFailureLine('database went away'))]);
    await expect(offerDownload({ fileDialogs: { saveFile: async () => path }, log }, source(cut, { portalText: true }))).rejects.toMatchObject({
      code: 'SERVER_ERROR',
      message: expect.stringContaining('database went away'),
    });
    expect((await readdir(dir)).filter((name) => name.startsWith('cut.csv'))).toEqual([]);
  });
});

describe('browser mode: a one-time address on the host streams it', () => {
  let app: FastifyInstance;
  let base: string;
  const registry = new TransferRegistry();

  beforeAll(async () => {
    app = Fastify();
    await registerTransferRoutes(app, registry, () => base);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  it(`sends ${TOTAL / MiB} MiB whole as an attachment, with RSS growth under ${RSS_GROWTH_LIMIT / MiB} MiB, once`, async () => {
    const transfer = async (total: number) => {
      const offered = await offerDownload({ log }, source(() => blocks(total), { portalText: true }), registry);
      if (offered.kind !== 'url') throw new Error(offered.kind);
      const response = await request(new URL(offered.url, base));
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of response.body) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      return { offered, status: response.statusCode, headers: response.headers, bytes, sha256: hash.digest('hex') };
    };
    // Warm-up: the first transfer's one-time costs (code, pools, heap) do not grow with the file.
    await transfer(WARM_UP);
    const { value, growth } = await rssGrowth(() => transfer(TOTAL));
    const expected = expectedOf(TOTAL);
    expect(value).toMatchObject({ status: 200, bytes: expected.bytes, sha256: expected.sha256 });
    expect(value.headers['content-disposition']).toBe('attachment; filename="rights-matrix-2027-06-02.csv"');
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT);
    const again = await request(new URL(value.offered.kind === 'url' ? value.offered.url : '', base));
    expect(again.statusCode).toBe(404);
    await again.body.dump();
  });

  it('a portal failure part-way cuts the download: the marker never reaches the browser', async () => {
    const cut = () => Readable.from([BLOCK, BLOCK, BLOCK, Buffer.from(streamFailureLine('database went away'))]);
    const offered = await offerDownload({ log }, source(cut, { portalText: true }), registry);
    if (offered.kind !== 'url') throw new Error(offered.kind);
    const response = await request(new URL(offered.url, base));
    const received: Buffer[] = [];
    const read = (async () => {
      for await (const chunk of response.body) received.push(chunk as Buffer);
    })();
    await expect(read).rejects.toThrow();
    const text = Buffer.concat(received).toString('utf8');
    expect(text).not.toContain('PORTAL-STREAM-FAILED');
    expect(text.length).toBeLessThan(BLOCK.length * 3);
  });

  it('a refusal while opening reaches the caller at once, and no address is offered', async () => {
    const refused = source(() => blocks(MiB), {
      open: async () => {
        throw new Error('403 not allowed');
      },
    });
    await expect(offerDownload({ log }, refused, registry)).rejects.toThrow('403 not allowed');
  });
});
