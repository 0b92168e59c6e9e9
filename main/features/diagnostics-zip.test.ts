import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../common/domain/redaction';
import { zipChunks, zipParts } from './diagnostics-bundle';

const MiB = 1024 * 1024;
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLWdlaGVpbQ';
const AT = new Date('2027-06-02T08:30:00Z');

/** Text that does not compress (hex of a hash chain): the zip is about as large as the parts. */
function incompressible(bytes: number, seed: string): string {
  const lines: string[] = [];
  let hash = seed;
  for (let size = 0; size < bytes; size += 65) {
    hash = createHash('sha256').update(hash).digest('hex');
    lines.push(`${hash}\n`);
  }
  return lines.join('');
}

function unzipText(zip: Uint8Array): [string, string][] {
  return Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, strFromU8(bytes)]);
}

const PARTS = [
  { name: 'versions.json', text: JSON.stringify({ console: '1.0.0' }), unavailable: null },
  { name: 'server-log.txt', text: `${incompressible(300_000, 'log')}retry with password=Hunter2-im-Protokoll!\n`, unavailable: null },
  { name: 'console-log.jsonl', text: `{"authorization":"Bearer ${TOKEN}"}\n`, unavailable: null },
  { name: 'empty.txt', text: '', unavailable: 'not signed in' },
];

describe('diagnostics zip, made as it is read', () => {
  it('has every part, in order, redacted, with the entries a whole-in-memory zip of the same parts has', () => {
    const streamed = zipParts(PARTS, AT);
    const redactedFiles = Object.fromEntries(PARTS.map((part) => [part.name, strToU8(redactSecrets(part.text).text)]));
    const whole = zipSync(redactedFiles, { level: 6, mtime: AT });
    expect(unzipText(streamed.zip)).toEqual(unzipText(whole));
    expect(unzipText(streamed.zip).map(([name]) => name)).toEqual(PARTS.map((part) => part.name));
    for (const [, text] of unzipText(streamed.zip)) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('Hunter2-im-Protokoll!');
    }
    expect(streamed.parts.map((part) => part.bytes)).toEqual(PARTS.map((part) => redactedFiles[part.name]!.length));
    expect(streamed.redacted).toBeGreaterThanOrEqual(2);
  });

  it('gives the same bytes every time for the same parts, so a counting pass gives the length of the streamed one', () => {
    const files = PARTS.map((part) => ({ name: part.name, bytes: strToU8(part.text) }));
    const first = Buffer.concat([...zipChunks(files, AT)]);
    const second = Buffer.concat([...zipChunks(files, AT)]);
    expect(second.equals(first)).toBe(true);
  });

  it('arrives in pieces before the end, made only as fast as it is written (the zip is never held whole)', async () => {
    // Random base64 compresses to three quarters: about 16 MiB of zip.
    const files = [1, 2].map((n) => ({ name: `part-${n}.txt`, bytes: strToU8(randomBytes(8 * MiB).toString('base64')) }));
    const first = zipChunks(files, AT).next();
    expect(first.done).toBe(false);
    expect((first.value as Uint8Array).length).toBeLessThan(MiB);

    // How far into the parts the zip has read: its slices are taken with subarray.
    let read = 0;
    for (const file of files) {
      const whole = file.bytes;
      const before = files.slice(0, files.indexOf(file)).reduce((sum, other) => sum + other.bytes.length, 0);
      whole.subarray = (start?: number, end?: number) => {
        read = Math.max(read, before + Math.min(end ?? whole.length, whole.length));
        return Uint8Array.prototype.subarray.call(whole, start, end) as Uint8Array<ArrayBuffer>;
      };
    }
    let written = 0;
    let pieces = 0;
    let readAtFirstPiece = -1;
    let aheadMost = 0;
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        pieces += 1;
        if (readAtFirstPiece < 0) readAtFirstPiece = read;
        // Read but not yet written out (as compressed bytes, about 3/4 of what was read).
        aheadMost = Math.max(aheadMost, read * 0.75 - written);
        setImmediate(done);
      },
    });
    await pipeline(Readable.from(zipChunks(files, AT), { objectMode: false }), sink);
    expect(written).toBeGreaterThan(15 * MiB);
    expect(read).toBe(files[0]!.bytes.length + files[1]!.bytes.length);
    expect(pieces).toBeGreaterThan(100);
    expect(readAtFirstPiece).toBeLessThan(MiB);
    // The stream's buffers and one slice, never the zip.
    expect(aheadMost).toBeLessThan(MiB);
  });
});
