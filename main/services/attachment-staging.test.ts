import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../common/portal-api/support';
import { AttachmentStaging, tooLarge } from './attachment-staging';

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
