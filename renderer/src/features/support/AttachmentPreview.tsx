import { Badge, Button, Checkbox, Code, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { IconEye, IconShieldCheck, IconShieldX, IconTrash } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StagedAttachment } from '../../../../common/contract/support';
import { REDACTED } from '../../../../common/domain/redaction';
import type { RedactionSummary } from '../../../../common/portal-api/support';
import { formatBytes } from './format';

/** "3 secrets removed: password 2, authorization 1", or the warning that a binary file was not checked. */
export function RedactionText({ redaction }: { redaction: RedactionSummary }) {
  const { t } = useTranslation();
  if (!redaction.applied) {
    return (
      <Group gap={4} wrap="nowrap">
        <IconShieldX size={16} color="var(--mantine-color-orange-6)" aria-hidden />
        <Text size="xs" c="orange">{t('support:attachments.notChecked')}</Text>
      </Group>
    );
  }
  const kinds = Object.entries(redaction.kinds)
    .map(([kind, count]) => `${t(`support:redactionKinds.${kind}`, { defaultValue: kind })} ${count}`)
    .join(', ');
  return (
    <Group gap={4} wrap="nowrap" data-testid="redaction-summary">
      <IconShieldCheck size={16} color="var(--mantine-color-green-6)" aria-hidden />
      <Text size="xs">
        {redaction.count === 0 ? t('support:attachments.noSecrets') : t('support:attachments.redacted', { count: redaction.count, kinds })}
      </Text>
    </Group>
  );
}

/** Redacted text with every replacement marked, so the user sees what will leave the house. */
export function MarkedText({ text }: { text: string }) {
  const parts = text.split(REDACTED);
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="attachment-preview-text">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && <mark>{REDACTED}</mark>}
        </Fragment>
      ))}
    </Code>
  );
}

/** A binary attachment goes only with this tick: it cannot be checked for secrets. */
export interface UnredactedConfirmation {
  confirmed: boolean;
  onChange(confirmed: boolean): void;
  /** Point at a missing tick (after the first "Send"). */
  showError: boolean;
}

function UnredactedCheckbox({ name, confirmation }: { name: string; confirmation: UnredactedConfirmation }) {
  const { t } = useTranslation();
  return (
    <Checkbox
      size="xs"
      color="orange"
      label={t('support:attachments.sendUnredacted', { name })}
      checked={confirmation.confirmed}
      onChange={(event) => confirmation.onChange(event.currentTarget.checked)}
      error={confirmation.showError && !confirmation.confirmed ? t('support:form.issues.binaryUnconfirmed') : undefined}
      data-testid="confirm-unredacted"
    />
  );
}

export interface StagedAttachmentRowProps {
  attachment: StagedAttachment;
  onRemove?: () => void;
  /** For binary attachments: the "send without redaction" confirmation. */
  unredacted?: UnredactedConfirmation;
}

export function StagedAttachmentRow({ attachment, onRemove, unredacted }: StagedAttachmentRowProps) {
  const { t, i18n } = useTranslation();
  const [previewing, setPreviewing] = useState(false);
  const converted = attachment.sourceEncoding !== null && attachment.sourceEncoding !== 'utf-8';
  return (
    <Group justify="space-between" wrap="nowrap" data-testid="staged-attachment" data-name={attachment.name}>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>{attachment.name}</Text>
          <Badge size="xs" variant="light">{t(`support:attachmentKinds.${attachment.kind}`)}</Badge>
          <Text size="xs" c="dimmed">{formatBytes(attachment.size, i18n.language)}</Text>
          {attachment.entries !== null && <Text size="xs" c="dimmed">{t('support:attachments.entries', { count: attachment.entries })}</Text>}
        </Group>
        <RedactionText redaction={attachment.redaction} />
        {converted && (
          <Text size="xs" c="dimmed" data-testid="converted-encoding">
            {t('support:attachments.converted', { encoding: t(`support:encodings.${attachment.sourceEncoding}`) })}
          </Text>
        )}
        {attachment.binary && unredacted && <UnredactedCheckbox name={attachment.name} confirmation={unredacted} />}
      </Stack>
      <Group gap="xs" wrap="nowrap">
        {!attachment.binary && (
          <Button size="xs" variant="light" leftSection={<IconEye size={14} aria-hidden />} onClick={() => setPreviewing(true)}>
            {t('support:attachments.preview')}
          </Button>
        )}
        {onRemove && (
          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={onRemove} aria-label={t('support:attachments.removeNamed', { name: attachment.name })}>
            {t('support:attachments.remove')}
          </Button>
        )}
      </Group>
      {previewing && (
        <Modal opened onClose={() => setPreviewing(false)} title={t('support:attachments.previewTitle', { name: attachment.name })} size="xl">
          <Stack gap="sm">
            <RedactionText redaction={attachment.redaction} />
            <ScrollArea.Autosize mah="60vh">
              <MarkedText text={attachment.preview} />
            </ScrollArea.Autosize>
            {attachment.previewTruncated && <Text size="xs" c="dimmed">{t('support:attachments.previewTruncated')}</Text>}
          </Stack>
        </Modal>
      )}
    </Group>
  );
}
