import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackPreparedDb } from './prepared-unpack';

let dir: string;
let dump: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portal-prepared-unpack-'));
  const source = await PGlite.create();
  await source.exec("create table kept (n int, label text); insert into kept select n, 'row ' || n from generate_series(1, 500) n; checkpoint;");
  dump = Buffer.from(await (await source.dumpDataDir('gzip')).arrayBuffer());
  await source.close();
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A one-file ustar archive, gzip'd, as a hostile or damaged tarball might name it. */
function tarWith(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write('0000600\0', 100);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('0', 156);
  header.write('ustar\0', 257);
  const data = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  data.write(content);
  return gzipSync(Buffer.concat([header, data, Buffer.alloc(1024)]));
}

describe('unpackPreparedDb', () => {
  it("unpacks PGlite's dump into a folder PGlite opens with every row", async () => {
    const dataDir = join(dir, 'opened');
    mkdirSync(dataDir);
    await unpackPreparedDb(dump, dataDir);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(`${dataDir}.unpacking`)).toBe(false);
    const db = new PGlite(dataDir);
    try {
      const result = await db.query<{ n: number; last: string }>("select count(*)::int as n, max(label) filter (where n = 500) as last from kept");
      expect(result.rows[0]).toEqual({ n: 500, last: 'row 500' });
    } finally {
      await db.close();
    }
  }, 60_000);

  it('replaces a staging folder a killed portal left, and writes nothing into the data folder when the tarball is damaged', async () => {
    const dataDir = join(dir, 'damaged');
    mkdirSync(`${dataDir}.unpacking`, { recursive: true });
    writeFileSync(join(`${dataDir}.unpacking`, 'PG_VERSION'), '16\n');
    await expect(unpackPreparedDb(dump.subarray(0, dump.length - 4096), dataDir)).rejects.toThrow();
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
    expect(existsSync(`${dataDir}.unpacking`)).toBe(false);
    await unpackPreparedDb(dump, dataDir);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
  }, 60_000);

  it('refuses an entry that would leave the data folder', async () => {
    const dataDir = join(dir, 'escape', 'pgdata');
    await expect(unpackPreparedDb(tarWith('../outside.txt', 'x'), dataDir)).rejects.toThrow(/outside the data folder/);
    expect(existsSync(join(dir, 'escape', 'outside.txt'))).toBe(false);
    await unpackPreparedDb(tarWith('/inside.txt', 'kept'), dataDir);
    expect(readFileSync(join(dataDir, 'inside.txt'), 'utf8')).toBe('kept');
  });
});
