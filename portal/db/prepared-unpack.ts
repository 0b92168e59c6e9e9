import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Unpacks the prepared database (a gzip'd tar as PGlite's dumpDataDir writes it) into `dataDir`, which must be
 * empty or missing. Done here rather than by PGlite's loadDataDir, which decompresses into thousands of small
 * chunks and copies every file out of the tar: ~40 MiB in pieces of 16-64 KiB that left the embedded portal's
 * heap fragmented (264 MiB after a first sign-in with glibc's mmap threshold at 64 KiB, against 179 MiB later).
 * Here the tar is one buffer and each file is written from a view of it. The files go to a staging folder that
 * is renamed into place at the end, so a portal killed halfway leaves no half database behind.
 */
export async function unpackPreparedDb(tarball: Uint8Array, dataDir: string): Promise<void> {
  const staging = `${dataDir}.unpacking`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    writeEntries(gunzipWhole(tarball), staging);
    await rm(dataDir, { recursive: true, force: true });
    await rename(staging, dataDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** The whole tar in one buffer: gzip's trailer says its size (modulo 4 GiB; ours is ~40 MiB). */
function gunzipWhole(tarball: Uint8Array): Buffer {
  const size = tarball.length >= 4 ? Buffer.from(tarball.buffer, tarball.byteOffset, tarball.length).readUInt32LE(tarball.length - 4) : 0;
  return gunzipSync(tarball, { chunkSize: Math.max(64 * 1024, size + 1024) });
}

const BLOCK = 512;

interface TarEntry {
  name: string;
  type: 'file' | 'directory' | 'other';
  data: Uint8Array;
}

function writeEntries(tar: Buffer, root: string): void {
  for (const entry of tarEntries(tar)) {
    const path = insideRoot(root, entry.name);
    if (entry.type === 'other' || path === root) continue;
    if (entry.type === 'directory') {
      mkdirSync(path, { recursive: true, mode: 0o700 });
    } else {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, entry.data, { mode: 0o600 });
    }
  }
}

/** The entries of a ustar archive, each file's data a view into `tar`. */
function* tarEntries(tar: Buffer): Generator<TarEntry> {
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return;
    const size = octal(header, 124, 12);
    const start = offset + BLOCK;
    if (start + size > tar.length) throw new Error('prepared database: the tar ends inside a file');
    yield { name: entryName(header), type: entryType(header[156] ?? 0), data: tar.subarray(start, start + size) };
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
}

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const value = text(header, start, length).trim();
  if (!/^[0-7]*$/.test(value)) throw new Error('prepared database: a tar header is damaged');
  return value === '' ? 0 : Number.parseInt(value, 8);
}

/** ustar keeps long names in two parts: prefix (at 345) and name. */
function entryName(header: Buffer): string {
  const name = text(header, 0, 100);
  const prefix = text(header, 257, 6) === 'ustar' ? text(header, 345, 155) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

function entryType(flag: number): TarEntry['type'] {
  if (flag === 0 || flag === 0x30) return 'file';
  if (flag === 0x35) return 'directory';
  return 'other';
}

/** The entry's path under `root` (an absolute name counts from `root`); none may leave it. */
function insideRoot(root: string, name: string): string {
  const relative = normalize(name.replace(/^\/+/, '') || '.');
  if (relative.split(sep).includes('..')) {
    throw new Error(`prepared database: the tar names a path outside the data folder (${name})`);
  }
  return join(root, relative);
}
