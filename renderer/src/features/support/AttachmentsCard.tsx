import { Alert, Button, Card, Divider, FileButton, Group, Progress, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileUpload, IconServer, IconStethoscope, IconTerminal2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StagedAttachment } from '../../../../common/contract/support';
import { TICKET_ATTACHMENTS_MAX_BYTES, TICKET_MAX_ATTACHMENTS, type ServerLogLevel } from '../../../../common/portal-api/support';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStageConsoleLog, useStageDiagnostics, useStageServerLog, useUnstage } from './api';
import { StagedAttachmentRow } from './AttachmentPreview';
import { formatBytes, fromLocalInput, toLocalInput } from './format';
import { issuesAt, type FormIssue } from './form-model';
import { IssueText } from './IssueText';
import { useFileStaging } from './use-file-staging';

const HOUR_MS = 3_600_000;
const levels: ServerLogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * Logs of a time range, the diagnostics summary and files. Main redacts each one; the list shows what
 * was replaced, and "Preview" shows the redacted text exactly as it will be sent.
 */
export interface AttachmentsCardProps {
  attachments: StagedAttachment[];
  onAdd(attachment: StagedAttachment): void;
  onRemove(attachment: StagedAttachment): void;
  /** Ids of binary attachments confirmed to go without redaction. */
  unredactedConfirmed: string[];
  onConfirmUnredacted(attachment: StagedAttachment, confirmed: boolean): void;
  /** Findings of the form at path "attachments". */
  issues: FormIssue[];
  /** Missing confirmations are pointed out once the user tried to send. */
  showAll: boolean;
  /** Written without sign-in for this profile: no server log (it needs the portal). */
  offlineProfileId?: string;
}

export function AttachmentsCard(props: AttachmentsCardProps) {
  const { attachments, onAdd, onRemove, unredactedConfirmed, onConfirmUnredacted, issues, showAll, offlineProfileId } = props;
  const online = offlineProfileId === undefined;
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(() => toLocalInput(new Date(Date.now() - HOUR_MS)));
  const [to, setTo] = useState(() => toLocalInput(new Date(Date.now() + 5 * 60_000)));
  const [level, setLevel] = useState<ServerLogLevel>('info');
  const serverLog = useStageServerLog();
  const consoleLog = useStageConsoleLog();
  const diagnostics = useStageDiagnostics(offlineProfileId);
  const unstage = useUnstage();
  const add = (attachment: StagedAttachment) => onAdd(attachment);
  const files = useFileStaging(onAdd, TICKET_MAX_ATTACHMENTS - attachments.length);

  const range = () => {
    const start = fromLocalInput(from);
    const end = fromLocalInput(to);
    return start && end && start <= end ? { from: start.toISOString(), to: end.toISOString() } : null;
  };
  const validRange = range();
  const remove = (attachment: StagedAttachment) => {
    unstage.mutate(attachment.id);
    onRemove(attachment);
  };
  const total = attachments.reduce((sum, attachment) => sum + attachment.size, 0);
  const full = attachments.length >= TICKET_MAX_ATTACHMENTS;
  const errors = [serverLog, consoleLog, diagnostics].filter((mutation) => mutation.error);

  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={2} size="h4">{t('support:attachments.title')}</Title>
        <Text size="sm" c="dimmed">{t('support:attachments.intro')}</Text>
        <Group align="flex-end">
          <TextInput type="datetime-local" label={t('support:attachments.from')} value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
          <TextInput type="datetime-local" label={t('support:attachments.to')} value={to} onChange={(event) => setTo(event.currentTarget.value)} error={validRange ? undefined : t('support:attachments.badRange')} />
          {online && (
            <Select
              label={t('support:attachments.level')}
              value={level}
              onChange={(value) => setLevel((value as ServerLogLevel | null) ?? 'info')}
              data={levels.map((value) => ({ value, label: t(`support:levels.${value}`) }))}
              allowDeselect={false}
              w={160}
            />
          )}
        </Group>
        <Group>
          {online && (
            <Button
              variant="light"
              leftSection={<IconServer size={16} aria-hidden />}
              disabled={!validRange || full}
              loading={serverLog.isPending}
              onClick={() => validRange && serverLog.mutate({ ...validRange, level }, { onSuccess: add })}
              data-testid="attach-server-log"
            >
              {t('support:attachments.serverLog')}
            </Button>
          )}
          <Button
            variant="light"
            leftSection={<IconTerminal2 size={16} aria-hidden />}
            disabled={!validRange || full}
            loading={consoleLog.isPending}
            onClick={() => validRange && consoleLog.mutate(validRange, { onSuccess: add })}
            data-testid="attach-console-log"
          >
            {t('support:attachments.consoleLog')}
          </Button>
          <Button
            variant="light"
            leftSection={<IconStethoscope size={16} aria-hidden />}
            disabled={full}
            loading={diagnostics.isPending}
            onClick={() => diagnostics.mutate(undefined, { onSuccess: add })}
            data-testid="attach-diagnostics"
          >
            {t('support:attachments.diagnostics')}
          </Button>
          <FileButton onChange={(picked) => void files.stageFiles(picked)} multiple>
            {(props) => (
              <Button {...props} variant="light" leftSection={<IconFileUpload size={16} aria-hidden />} disabled={full} loading={files.pending}>
                {t('support:attachments.files')}
              </Button>
            )}
          </FileButton>
        </Group>
        {errors.map((mutation, index) => (
          <ErrorAlert key={index} error={mutation.error} onClose={() => mutation.reset()} />
        ))}
        {files.error && <ErrorAlert error={files.error} onClose={files.reset} />}
        {full && (
          <Text size="sm" c="orange" data-testid="attachments-full">
            {t('support:attachments.full', { max: TICKET_MAX_ATTACHMENTS })}
          </Text>
        )}
        {files.refused.length > 0 && (
          <Alert color="red" withCloseButton onClose={files.clearRefused} closeButtonLabel={t('common:actions.close')} data-testid="file-too-large">
            {files.refused.map((message) => (
              <Text key={message} size="sm">{message}</Text>
            ))}
          </Alert>
        )}
        {attachments.length > 0 && (
          <>
            <Divider />
            <Stack gap="sm">
              {attachments.map((attachment) => (
                <StagedAttachmentRow
                  key={attachment.id}
                  attachment={attachment}
                  onRemove={() => remove(attachment)}
                  unredacted={{
                    confirmed: unredactedConfirmed.includes(attachment.id),
                    onChange: (confirmed) => onConfirmUnredacted(attachment, confirmed),
                    showError: showAll,
                  }}
                />
              ))}
            </Stack>
          </>
        )}
        {showAll && issuesAt(issues, 'attachments').length > 0 && <IssueText issues={issuesAt(issues, 'attachments')} />}
        <Stack gap={4}>
          <Progress
            value={Math.min(100, (total / TICKET_ATTACHMENTS_MAX_BYTES) * 100)}
            color={total > TICKET_ATTACHMENTS_MAX_BYTES ? 'red' : 'blue'}
            aria-label={t('support:attachments.total')}
          />
          <Text size="xs" c={total > TICKET_ATTACHMENTS_MAX_BYTES ? 'red' : 'dimmed'}>
            {t('support:attachments.totalOf', {
              total: formatBytes(total, i18n.language),
              limit: formatBytes(TICKET_ATTACHMENTS_MAX_BYTES, i18n.language),
              files: attachments.length,
              max: TICKET_MAX_ATTACHMENTS,
            })}
          </Text>
        </Stack>
      </Stack>
    </Card>
  );
}
