import { randomUUID } from 'node:crypto';
import type { StagedAttachment } from '../../common/contract/support';
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

/** Text when it is valid UTF-8 without NUL bytes; anything else is treated as binary and not redacted. */
export function decodeText(bytes: Buffer): string | null {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
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
      },
      content,
    });
  }

  stageFile(input: FileAttachmentInput): StagedAttachment {
    if (input.bytes.length > ATTACHMENT_MAX_BYTES) throw tooLarge(input.name, input.bytes.length);
    const text = decodeText(input.bytes);
    if (text !== null) return this.stageText({ name: input.name, kind: input.kind, text, contentType: input.contentType || 'text/plain' });
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
