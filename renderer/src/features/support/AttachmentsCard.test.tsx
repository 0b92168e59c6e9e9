// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import type { StagedAttachment } from '../../../../common/contract/support';
import { TICKET_MAX_ATTACHMENTS } from '../../../../common/portal-api/support';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { AttachmentsCard } from './AttachmentsCard';
import { partitionFiles } from './use-file-staging';

function staged(index: number): StagedAttachment {
  return {
    id: `a${index}`,
    name: `file-${index}.log`,
    kind: 'file',
    contentType: 'text/plain; charset=utf-8',
    size: 100,
    redaction: { applied: true, count: 0, kinds: {} },
    preview: 'x',
    previewTruncated: false,
    binary: false,
    entries: null,
    sourceEncoding: 'utf-8',
  };
}

function renderCard(attachments: StagedAttachment[], onAdd: (attachment: StagedAttachment) => void = () => undefined) {
  return renderWithProviders(
    <AttachmentsCard
      attachments={attachments}
      onAdd={onAdd}
      onRemove={() => undefined}
      unredactedConfirmed={[]}
      onConfirmUnredacted={() => undefined}
      issues={[]}
      showAll={false}
    />,
  );
}

beforeAll(async () => {
  await i18n.changeLanguage('de');
});
afterAll(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => setConsoleTransport(null));

describe('partitionFiles', () => {
  it('stages what fits, refuses files over 10 MiB and those beyond the room left', () => {
    const files = [
      { name: 'a.log', size: 10 },
      { name: 'huge.dump', size: 11 * 1024 * 1024 },
      { name: 'b.log', size: 10 },
      { name: 'c.log', size: 10 },
    ];
    const sorted = partitionFiles(files, 2);
    expect(sorted.stage.map((file) => file.name)).toEqual(['a.log', 'b.log']);
    expect(sorted.tooLarge.map((file) => file.name)).toEqual(['huge.dump']);
    expect(sorted.noRoom.map((file) => file.name)).toEqual(['c.log']);
    expect(partitionFiles(files, -1).stage).toEqual([]);
  });
});

describe('AttachmentsCard with the attachment limit', () => {
  it(`says the ticket is full at ${TICKET_MAX_ATTACHMENTS} attachments and offers nothing more to attach`, () => {
    renderCard(Array.from({ length: TICKET_MAX_ATTACHMENTS }, (_, index) => staged(index)));
    expect(screen.getByTestId('attachments-full').textContent).toBe(
      'Das Ticket hat bereits 20 Anhänge, mehr sind nicht möglich. Entfernen Sie einen, um einen anderen anzuhängen.',
    );
    expect(screen.getByTestId('attach-console-log').hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('attach-diagnostics').hasAttribute('disabled')).toBe(true);
  });

  it('stages only as many picked files as still fit and names the others', async () => {
    const requests: string[] = [];
    setConsoleTransport({
      call: async (channel, request): Promise<CallResult> => {
        if (channel !== 'support:stageFile') return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
        const { name } = request as { name: string };
        requests.push(name);
        return { ok: true, value: { ...staged(100 + requests.length), name } };
      },
    });
    const added: string[] = [];
    const { container } = renderCard(
      Array.from({ length: TICKET_MAX_ATTACHMENTS - 1 }, (_, index) => staged(index)),
      (attachment) => added.push(attachment.name),
    );
    expect(screen.queryByTestId('attachments-full')).toBeNull();
    const input = container.ownerDocument.querySelector<HTMLInputElement>('input[type="file"]')!;
    const files = ['last.log', 'one-too-many.log', 'two-too-many.log'].map((name) => new File(['text'], name, { type: 'text/plain' }));
    fireEvent.change(input, { target: { files } });

    await waitFor(() => expect(added).toEqual(['last.log']));
    expect(requests).toEqual(['last.log']);
    expect(screen.getByTestId('file-too-large').textContent).toBe(
      'Ein Ticket darf höchstens 20 Anhänge haben: „one-too-many.log“, „two-too-many.log“ wurden nicht angehängt.',
    );
  });
});
