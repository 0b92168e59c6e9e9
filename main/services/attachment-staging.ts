import { randomUUID } from 'node:crypto';
import type { StagedAttachment, TextEncodingName } from '../../common/contract/support';
import { redactSecrets } from '../../common/domain/redaction';
import { ATTACHMENT_MAX_BYTES, type AttachmentKind } from '../../common/portal-api/support';
import { ConsoleError } from '../../common/errors';

export interface StagedContent {
  meta: StagedAttachment;
  /** Exactly the bytes that will be sent: redacted text, or the file as it is when binary. */
  content: Buffer;
}

export interface TextAttachmentInput {
  name: string;
  kind: AttachmentKind;
  text: string;
  contentType?: string;
  /** Log attachments: how many entries the text holds. */
  entries?: number;
  /** Said when the redacted text is over the limit. */
  tooLargeHint?: TooLargeHint;
  /** A file's text: the encoding it was read in. */
  sourceEncoding?: TextEncodingName;
}

export interface FileAttachmentInput {
  name: string;
  kind: AttachmentKind;
  contentType: string;
  bytes: Buffer;
}

/** Characters of redacted text the user sees before sending. */
export const PREVIEW_CHARACTERS = 64 * 1024;
/** Staged attachments live in memory until sent or discarded; beyond this the oldest are dropped. */
const DEFAULT_MAX_STAGED_BYTES = 200 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8 * 1024;
const TEXT_SNIFF_CHARACTERS = 64 * 1024;

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** What the user can do about an attachment that is too large; the renderer shows it translated. */
export type TooLargeHint = 'shorterRange';
const hintTexts: Record<TooLargeHint, string> = {
  shorterRange: 'Choose a shorter time range or a higher minimum level.',
};

/** PAYLOAD_TOO_LARGE naming the attachment, its size, the limit and (as `hint`) what to do about it. */
export function tooLarge(name: string, size: number, hint?: TooLargeHint): ConsoleError {
  const advice = hint === undefined ? '' : ` ${hintTexts[hint]}`;
  return new ConsoleError(
    'PAYLOAD_TOO_LARGE',
    `"${name}" has ${size} bytes (${mebibytes(size)}); an attachment may have at most ${mebibytes(ATTACHMENT_MAX_BYTES)} (${ATTACHMENT_MAX_BYTES} bytes).${advice}`,
    { name, size, limit: ATTACHMENT_MAX_BYTES, reason: 'attachment_too_large', ...(hint !== undefined && { hint }) },
  );
}

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const boms: { bytes: number[]; encoding: TextEncodingName }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

function bomEncoding(bytes: Buffer): TextEncodingName | null {
  return boms.find((bom) => bom.bytes.every((byte, index) => bytes[index] === byte))?.encoding ?? null;
}

/**
 * UTF-16 without a BOM: text that is mostly ASCII has a NUL in every other byte, after each character
 * (little endian) or before it (big endian), and almost none on the other side.
 */
export function utf16ByNulPattern(sample: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (sample[index] === 0) evenNuls += 1;
    if (sample[index + 1] === 0) oddNuls += 1;
  }
  const mostly = (count: number) => count / pairs >= 0.3;
  const hardly = (count: number) => count / pairs <= 0.05;
  if (mostly(oddNuls) && hardly(evenNuls)) return 'utf-16le';
  if (mostly(evenNuls) && hardly(oddNuls)) return 'utf-16be';
  return null;
}

/** Control characters no text file has in numbers (tab, line breaks, form feed, escape and backspace are fine). */
function isSuspicious(code: number): boolean {
  if (code < 0x20) return code <= 0x07 || (code >= 0x0e && code <= 0x1a) || code >= 0x1c;
  return (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
}

/** At most 1 % odd control characters in the beginning: what logs and texts look like, unlike archives and images. */
function looksLikeText(text: string): boolean {
  const length = Math.min(text.length, TEXT_SNIFF_CHARACTERS);
  if (length === 0) return true;
  let suspicious = 0;
  for (let index = 0; index < length; index += 1) if (isSuspicious(text.charCodeAt(index))) suspicious += 1;
  return suspicious / length <= 0.01;
}

/** 0x80-0x9F in Windows-1252 (the five unassigned bytes stay C1 controls, as the WHATWG encoding standard says). */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Node 20's TextDecoder decodes "windows-1252" as Latin-1 (0x80 stays U+0080): map the differing range by hand. */
export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

function decodeAs(bytes: Buffer, encoding: TextEncodingName): DecodedText | null {
  try {
    // The decoder drops a BOM of its own encoding; an invalid sequence throws.
    const text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return looksLikeText(text) ? { text, encoding } : null;
  } catch {
    return null;
  }
}

/**
 * The text of a file, whatever its encoding: a BOM decides; else the NUL pattern of UTF-16; else UTF-8,
 * and Windows-1252 (a superset of Latin-1) when the bytes are not UTF-8 but still look like text.
 * Null for binary files (archives, images, dumps), which cannot be redacted.
 */
export function decodeText(bytes: Buffer): DecodedText | null {
  const bom = bomEncoding(bytes);
  if (bom !== null) return decodeAs(bytes, bom);
  const sample = bytes.subarray(0, BINARY_SNIFF_BYTES);
  const utf16 = utf16ByNulPattern(sample);
  if (utf16 !== null) return decodeAs(bytes, utf16);
  if (sample.includes(0)) return null;
  return decodeAs(bytes, 'utf-8') ?? decodeAs(bytes, 'windows-1252');
}

/** Redacted text is sent as UTF-8: keep a text type (or JSON, XML) and say so; anything else becomes text/plain. */
export function utf8ContentType(contentType: string): string {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const textual = essence.startsWith('text/') || /^application\/([\w.+-]+\+)?(json|xml)$/.test(essence);
  return `${textual ? essence : 'text/plain'}; charset=utf-8`;
}

/**
 * Attachments prepared for a ticket. Text is redacted here, in main, so the renderer only ever sees
 * (and the portal only ever receives) the redacted version.
 */
export class AttachmentStaging {
  private readonly items = new Map<string, StagedContent>();

  constructor(private readonly maxStagedBytes = DEFAULT_MAX_STAGED_BYTES) {}

  stageText(input: TextAttachmentInput): StagedAttachment {
    const redacted = redactSecrets(input.text);
    const content = Buffer.from(redacted.text, 'utf8');
    if (content.length > ATTACHMENT_MAX_BYTES) throw tooLarge(input.name, content.length, input.tooLargeHint);
    return this.keep({
      meta: {
        id: randomUUID(),
        name: input.name,
        kind: input.kind,
        contentType: input.contentType ?? 'text/plain; charset=utf-8',
        size: content.length,
        redaction: { applied: true, count: redacted.count, kinds: redacted.kinds },
        preview: redacted.text.slice(0, PREVIEW_CHARACTERS),
        previewTruncated: redacted.text.length > PREVIEW_CHARACTERS,
        binary: false,
        entries: input.entries ?? null,
        sourceEncoding: input.sourceEncoding ?? null,
      },
      content,
    });
  }

  stageFile(input: FileAttachmentInput): StagedAttachment {
    if (input.bytes.length > ATTACHMENT_MAX_BYTES) throw tooLarge(input.name, input.bytes.length);
    const decoded = decodeText(input.bytes);
    if (decoded !== null) {
      return this.stageText({
        name: input.name,
        kind: input.kind,
        text: decoded.text,
        contentType: utf8ContentType(input.contentType),
        sourceEncoding: decoded.encoding,
      });
    }
    return this.keep({
      meta: {
        id: randomUUID(),
        name: input.name,
        kind: input.kind,
        contentType: input.contentType || 'application/octet-stream',
        size: input.bytes.length,
        redaction: { applied: false, count: 0, kinds: {} },
        preview: '',
        previewTruncated: false,
        binary: true,
        entries: null,
        sourceEncoding: null,
      },
      content: input.bytes,
    });
  }

  /**
   * A zip the console built from redacted parts (the diagnostics bundle): sent as it is; the preview lists its
   * parts, since a zip cannot be shown as text.
   */
  stageRedactedArchive(input: { name: string; bytes: Buffer; redactedCount: number; listing: string }): StagedAttachment {
    if (input.bytes.length > ATTACHMENT_MAX_BYTES) throw tooLarge(input.name, input.bytes.length);
    return this.keep({
      meta: {
        id: randomUUID(),
        name: input.name,
        kind: 'diagnostics',
        contentType: 'application/zip',
        size: input.bytes.length,
        redaction: { applied: true, count: input.redactedCount, kinds: {} },
        preview: input.listing,
        previewTruncated: false,
        binary: false,
        entries: null,
        sourceEncoding: null,
      },
      content: input.bytes,
    });
  }

  get(id: string): StagedContent {
    const staged = this.items.get(id);
    if (staged === undefined) {
      throw new ConsoleError('NOT_FOUND', 'The attachment is no longer prepared; add it again.', { attachmentId: id });
    }
    return staged;
  }

  remove(id: string): void {
    this.items.delete(id);
  }

  private keep(staged: StagedContent): StagedAttachment {
    this.items.set(staged.meta.id, staged);
    this.evictBeyondLimit();
    return staged.meta;
  }

  /** Maps iterate in insertion order, so the oldest staged attachments go first. */
  private evictBeyondLimit(): void {
    let total = [...this.items.values()].reduce((sum, item) => sum + item.content.length, 0);
    for (const [id, item] of this.items) {
      if (total <= this.maxStagedBytes) return;
      this.items.delete(id);
      total -= item.content.length;
    }
  }
}
