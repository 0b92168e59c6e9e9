import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../common/portal-api/support';
import { AttachmentStaging, decodeText, tooLarge, utf16ByNulPattern, utf8ContentType } from './attachment-staging';

describe('tooLarge', () => {
  it('names the attachment, its size and the limit, and the hint for the renderer to translate', () => {
    const error = tooLarge('portal server log', 26_000_000, 'shorterRange');
    expect(error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { name: 'portal server log', size: 26_000_000, limit: ATTACHMENT_MAX_BYTES, reason: 'attachment_too_large', hint: 'shorterRange' },
    });
    expect(error.message).toContain('Choose a shorter time range');
    expect(tooLarge('a.bin', ATTACHMENT_MAX_BYTES + 1).details).not.toHaveProperty('hint');
  });

  it('is what staging an oversized log says, with the hint it was given', () => {
    const staging = new AttachmentStaging();
    const text = 'x'.repeat(ATTACHMENT_MAX_BYTES + 1);
    expect(() => staging.stageText({ name: 'console.log', kind: 'console-log', text, tooLargeHint: 'shorterRange' })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ name: 'console.log', hint: 'shorterRange' }) }),
    );
  });
});

const LOG_LINE = 'INFO  Anmeldung von Jürgen Müller (Straße 5) password=Sommer2026! – Grüße\r\n';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

describe('decodeText', () => {
  it.each<[string, Buffer, string]>([
    ['UTF-8', Buffer.from(LOG_LINE, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LOG_LINE, 'utf8')]), 'utf-8'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LOG_LINE, 'utf16le')]), 'utf-16le'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(LOG_LINE)]), 'utf-16be'],
    ['UTF-16LE without BOM (NUL after each character)', Buffer.from(LOG_LINE.repeat(3), 'utf16le'), 'utf-16le'],
    ['UTF-16BE without BOM (NUL before each character)', utf16be(LOG_LINE.repeat(3)), 'utf-16be'],
    ['Latin-1', Buffer.from(LOG_LINE.replace('–', '-'), 'latin1'), 'windows-1252'],
  ])('reads %s', (_name, bytes, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded?.encoding).toBe(encoding);
    expect(decoded?.text.replace(/^\uFEFF/, '')).toMatch(/^INFO {2}Anmeldung von Jürgen Müller \(Straße 5\) password=Sommer2026! . Grüße\r\n/);
    expect(decoded?.text.startsWith('\uFEFF')).toBe(false);
  });

  it('reads Windows-1252 with its typographic characters (euro sign, dashes, quotes)', () => {
    // 0x80 €, 0x96 –, 0x84 „, 0x93 “ exist in Windows-1252 only, not in Latin-1 or UTF-8.
    const bytes = Buffer.from([...Buffer.from('Betrag 12 '), 0x80, 0x20, 0x96, 0x20, 0x84, ...Buffer.from('ok'), 0x93, 0x0a]);
    expect(decodeText(bytes)).toEqual({ text: 'Betrag 12 € – „ok“\n', encoding: 'windows-1252' });
  });

  it.each<[string, Buffer]>([
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])],
    ['a ZIP archive', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.from('app.log')])],
    ['a gzip stream', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x3c, 0x9d, 0x2a, 0x66, 0x00, 0x03])],
    ['random bytes without NUL', Buffer.from(Array.from({ length: 4096 }, (_, index) => ((index * 2654435761) >>> 13) % 255 + 1))],
    ['16-bit little-endian numbers (NUL pattern, but control characters)', Buffer.from(Array.from({ length: 512 }, (_, index) => (index % 2 === 0 ? index % 20 : 0)))],
  ])('treats %s as binary', (_name, bytes) => {
    expect(decodeText(bytes)).toBeNull();
  });

  it('finds no UTF-16 pattern in plain ASCII or in too little data', () => {
    expect(utf16ByNulPattern(Buffer.from('plain ascii text'))).toBeNull();
    expect(utf16ByNulPattern(Buffer.from([0x41]))).toBeNull();
  });
});

describe('stageFile', () => {
  it.each<[string, Buffer, string]>([
    ['Windows-1252', Buffer.from('Müller password=Sommer2026!\n', 'latin1'), 'windows-1252'],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Müller password=Sommer2026!\n', 'utf16le')]), 'utf-16le'],
  ])('redacts a %s file and sends the redacted text as UTF-8', (_name, bytes, encoding) => {
    const staging = new AttachmentStaging();
    const meta = staging.stageFile({ name: 'app.log', kind: 'file', contentType: 'text/plain; charset=windows-1252', bytes });
    expect(meta).toMatchObject({ binary: false, sourceEncoding: encoding, contentType: 'text/plain; charset=utf-8', redaction: { applied: true, count: 1 } });
    expect(staging.get(meta.id).content.toString('utf8')).toBe('Müller password=[REDACTED]\n');
    expect(meta.size).toBe(Buffer.byteLength('Müller password=[REDACTED]\n'));
  });

  it('keeps a binary file as it is, marked as not redacted', () => {
    const staging = new AttachmentStaging();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const meta = staging.stageFile({ name: 'screen.png', kind: 'file', contentType: 'image/png', bytes: png });
    expect(meta).toMatchObject({ binary: true, sourceEncoding: null, contentType: 'image/png', redaction: { applied: false } });
    expect(staging.get(meta.id).content).toEqual(png);
  });
});

describe('utf8ContentType', () => {
  it.each([
    ['text/plain', 'text/plain; charset=utf-8'],
    ['text/csv; charset=windows-1252', 'text/csv; charset=utf-8'],
    ['application/json', 'application/json; charset=utf-8'],
    ['application/problem+json', 'application/problem+json; charset=utf-8'],
    ['application/octet-stream', 'text/plain; charset=utf-8'],
    ['', 'text/plain; charset=utf-8'],
  ])('%s becomes %s', (input, expected) => {
    expect(utf8ContentType(input)).toBe(expected);
  });
});
