import { Alert, Badge, Button, Card, FileButton, Group, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { IconHeadset, IconMessage, IconMessageQuestion, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StagedAttachment } from '../../../../common/contract/support';
import type { Versioned } from '../../../../common/portal-api/common';
import type { Ticket, TicketComment } from '../../../../common/portal-api/support';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useAddComment, useAttachToTicket, useMarkRead, useUnstage } from './api';
import { StagedAttachmentRow } from './AttachmentPreview';
import { newIdempotencyKey } from './idempotency';
import { useFileStaging } from './use-file-staging';

type ThreadItem =
  | { kind: 'comment'; at: string; who: string; body: string; id: string; comment: TicketComment }
  | { kind: 'attachment'; at: string; who: string; name: string; id: string };

/**
 * Marks agent messages read once the administrator has them on screen, and remembers which ones were new in this
 * view, so their "New" mark stays while the ticket is open. One marked unread by hand is left unread.
 */
function useReadOnSight(ticket: Ticket) {
  const markRead = useMarkRead();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const [keptUnread, setKeptUnread] = useState<ReadonlySet<string>>(() => new Set());
  const unseen = ticket.comments.filter((comment) => comment.readAt === null && !keptUnread.has(comment.id)).map((comment) => comment.id);
  const unseenKey = unseen.join(',');
  const { mutate, isPending, isError } = markRead;
  useEffect(() => {
    // After a failure the error shows; no retry loop (the next poll or a reload tries again).
    if (unseenKey === '' || isPending || isError) return;
    const ids = unseenKey.split(',');
    setFresh((previous) => new Set([...previous, ...ids]));
    mutate({ ticketId: ticket.id, read: true, messageIds: ids });
  }, [unseenKey, isPending, isError, mutate, ticket.id]);
  const markUnread = (id: string) => {
    setKeptUnread((previous) => new Set([...previous, id]));
    mutate({ ticketId: ticket.id, read: false, messageIds: [id] });
  };
  return { fresh, markUnread, error: markRead.error, reset: markRead.reset };
}

function CommentTitle({ comment, who, isNew, onMarkUnread }: { comment: TicketComment; who: string; isNew: boolean; onMarkUnread(): void }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" fw={600}>
        {comment.authorKind === 'agent' ? `${who} (${t('support:thread.fromDesk')})` : who} · {formatDateTime(comment.createdAt, i18n.language)}
      </Text>
      {comment.kind === 'info-request' && <Badge color="orange" variant="light">{t('support:thread.infoRequest')}</Badge>}
      {isNew && <Badge color="red" variant="filled" data-testid="message-new">{t('support:thread.new')}</Badge>}
      {comment.authorKind === 'agent' && comment.readAt !== null && (
        <Button size="compact-xs" variant="subtle" onClick={onMarkUnread}>{t('support:thread.markUnread')}</Button>
      )}
    </Group>
  );
}

function bulletOf(item: ThreadItem) {
  if (item.kind === 'attachment') return <IconPaperclip size={14} aria-hidden />;
  if (item.comment.kind === 'info-request') return <IconMessageQuestion size={14} aria-hidden />;
  return item.comment.authorKind === 'agent' ? <IconHeadset size={14} aria-hidden /> : <IconMessage size={14} aria-hidden />;
}

/** The conversation with the support desk and added attachments in time order, and the forms to add either. */
export function TicketThread({ ticket }: { ticket: Versioned<Ticket> }) {
  const { t, i18n } = useTranslation();
  const value = ticket.value;
  const read = useReadOnSight(value);
  const items: ThreadItem[] = [
    ...value.comments.map(
      (comment): ThreadItem => ({ kind: 'comment', id: comment.id, at: comment.createdAt, who: comment.authorName ?? comment.authorLogin ?? '–', body: comment.body, comment }),
    ),
    ...value.attachments
      .filter((attachment) => attachment.createdAt !== value.createdAt)
      .map((attachment): ThreadItem => ({ kind: 'attachment', id: attachment.id, at: attachment.createdAt, who: attachment.createdBy ?? '–', name: attachment.name })),
  ].sort((left, right) => left.at.localeCompare(right.at));
  return (
    <Card withBorder>
      <Stack gap="md">
        <Title order={2} size="h4">{t('support:thread.title')}</Title>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">{t('support:thread.empty')}</Text>
        ) : (
          <Timeline bulletSize={24} lineWidth={2} data-testid="ticket-thread">
            {items.map((item) => (
              <Timeline.Item
                key={item.id}
                bullet={bulletOf(item)}
                title={
                  item.kind === 'comment' ? (
                    <CommentTitle comment={item.comment} who={item.who} isNew={read.fresh.has(item.id) || item.comment.readAt === null} onMarkUnread={() => read.markUnread(item.id)} />
                  ) : (
                    `${item.who} · ${formatDateTime(item.at, i18n.language)}`
                  )
                }
                data-testid={item.kind === 'comment' ? `message-${item.comment.authorKind}` : 'thread-attachment'}
              >
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {item.kind === 'comment' ? item.body : t('support:thread.attached', { name: item.name })}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
        {read.error && <ErrorAlert error={read.error} onClose={read.reset} />}
        {value.status === 'closed' ? (
          <Text size="sm" c="dimmed">{t('support:thread.closed')}</Text>
        ) : (
          <>
            {value.status === 'waiting-for-customer' && (
              <Alert color="orange" icon={<IconMessageQuestion size={18} aria-hidden />} data-testid="waiting-for-reply">
                {t('support:thread.waiting')}
              </Alert>
            )}
            <CommentForm ticketId={value.id} replying={value.status === 'waiting-for-customer'} />
            <AddAttachment ticketId={value.id} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function CommentForm({ ticketId, replying }: { ticketId: string; replying: boolean }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  // One key per comment: a retry of the same text (after an error) cannot add it twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => newIdempotencyKey('comment'));
  const comment = useAddComment();
  const edit = (text: string) => {
    setBody(text);
    setIdempotencyKey(newIdempotencyKey('comment'));
  };
  const send = () =>
    comment.mutate(
      { ticketId, body: body.trim(), idempotencyKey },
      {
        onSuccess: () => {
          setBody('');
          setIdempotencyKey(newIdempotencyKey('comment'));
        },
      },
    );
  return (
    <Stack gap="xs">
      <Textarea
        label={t(replying ? 'support:thread.reply' : 'support:thread.comment')}
        autosize
        minRows={3}
        value={body}
        onChange={(event) => edit(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && body.trim() !== '') send();
        }}
      />
      {comment.error && <ErrorAlert error={comment.error} onClose={() => comment.reset()} />}
      <Group justify="flex-end">
        <Button leftSection={<IconSend size={16} aria-hidden />} onClick={send} disabled={body.trim() === ''} loading={comment.isPending} data-testid="send-comment">
          {t(replying ? 'support:thread.sendReply' : 'support:thread.send')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Pick a file, see it redacted, then attach it: nothing is sent before the user confirms. */
function AddAttachment({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const [staged, setStaged] = useState<StagedAttachment | null>(null);
  const [unredactedConfirmed, setUnredactedConfirmed] = useState(false);
  const attach = useAttachToTicket();
  const unstage = useUnstage();
  const files = useFileStaging((attachment) => {
    setStaged(attachment);
    setUnredactedConfirmed(false);
  });
  const cancel = () => {
    if (staged) unstage.mutate(staged.id);
    setStaged(null);
  };
  const blocked = staged !== null && staged.binary && !unredactedConfirmed;
  return (
    <Stack gap="xs">
      {staged ? (
        <Card withBorder bg="var(--mantine-color-gray-0)">
          <Stack gap="xs">
            <StagedAttachmentRow
              attachment={staged}
              onRemove={cancel}
              unredacted={{ confirmed: unredactedConfirmed, onChange: setUnredactedConfirmed, showError: false }}
            />
            {attach.error && <ErrorAlert error={attach.error} onClose={() => attach.reset()} />}
            <Group justify="flex-end">
              <Button
                loading={attach.isPending}
                disabled={blocked}
                onClick={() => attach.mutate({ ticketId, attachmentId: staged.id, unredactedConfirmed }, { onSuccess: () => setStaged(null) })}
              >
                {t('support:thread.attach')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : (
        <FileButton onChange={(picked) => picked && void files.stageFiles([picked])}>
          {(props) => (
            <Button {...props} variant="light" w="fit-content" leftSection={<IconPaperclip size={16} aria-hidden />} loading={files.pending}>
              {t('support:thread.addFile')}
            </Button>
          )}
        </FileButton>
      )}
      {files.error && <ErrorAlert error={files.error} onClose={files.reset} />}
      {files.refused.map((message) => (
        <Text key={message} size="sm" c="red">{message}</Text>
      ))}
    </Stack>
  );
}
