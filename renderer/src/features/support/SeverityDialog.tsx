import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { severities, type Severity } from '../../../../common/domain/sla';
import { OVERRIDE_REASON_MIN_LENGTH, severityIssues } from '../../../../common/domain/ticket-rules';
import type { Ticket, TicketUpdate } from '../../../../common/portal-api/support';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IssueText } from './IssueText';
import { nonProductionRule } from './severity-text';
import { targetText } from './SupportPackageLine';

export interface SeverityDialogProps {
  ticket: Ticket;
  busy: boolean;
  error: unknown;
  onSave(change: TicketUpdate): void;
  onClose(): void;
}

/** Reclassify an open ticket: the same rules as when filing (non-production is never critical; a deviation needs a reason). */
export function SeverityDialog({ ticket, busy, error, onSave, onClose }: SeverityDialogProps) {
  const { t } = useTranslation();
  const [severity, setSeverity] = useState<Severity>(ticket.severity);
  const [reason, setReason] = useState(ticket.severityReason ?? '');
  const deviates = severity !== ticket.proposedSeverity;
  const severityReason = deviates && reason.trim() !== '' ? reason.trim() : null;
  const issues = severityIssues({ answers: ticket.answers, severity, severityReason }).map((issue) => ({ path: issue.path, key: issue.key }));
  const production = ticket.system === 'production';
  return (
    <Modal opened onClose={onClose} title={t('support:detail.reclassifyTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('support:detail.reclassifyIntro', { proposed: t(`support:severity.${ticket.proposedSeverity}`) })}</Text>
        <SegmentedControl
          aria-label={t('support:form.severity.choose')}
          value={severity}
          onChange={(value) => setSeverity(value as Severity)}
          data={severities.map((value) => ({ value, label: t(`support:severity.${value}`), disabled: value === 'critical' && !production }))}
        />
        <Text size="xs" c="dimmed">{t('support:detail.reclassifyTarget', { target: targetText(ticket.supportPackage, severity, t) })}</Text>
        {!production && (
          <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
            <Text size="sm">{nonProductionRule(t)}</Text>
          </Alert>
        )}
        {deviates && (
          <Textarea
            label={t('support:form.severity.reason')}
            description={t('support:form.severity.reasonHint', { min: OVERRIDE_REASON_MIN_LENGTH })}
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
        )}
        {issues.length > 0 && <IssueText issues={issues} />}
        {error !== null && error !== undefined && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button loading={busy} disabled={issues.length > 0 || severity === ticket.severity} onClick={() => onSave({ severity, severityReason })}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
