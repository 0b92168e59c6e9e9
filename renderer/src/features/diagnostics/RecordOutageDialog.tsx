import { Button, Checkbox, Group, Input, Modal, SegmentedControl, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OutageSeverity } from '../../../../common/portal-api/availability';
import { ErrorAlert } from '../../components/ErrorAlert';
import { localInputValue } from './availability-format';
import { useRecordOutage } from './availability-api';
import { localInputToIso } from './format';

interface Draft {
  start: string;
  ongoing: boolean;
  end: string;
  severity: OutageSeverity;
  cause: string;
  customerComponent: boolean;
}

type DraftErrors = Partial<Record<'start' | 'end' | 'cause', string>>;

/** i18n keys of what is wrong with the draft; empty when it can be sent. */
export function draftErrors(draft: Draft): DraftErrors {
  const errors: DraftErrors = {};
  const start = localInputToIso(draft.start);
  if (start === undefined) errors.start = 'diagnostics:availability.record.errors.start';
  if (!draft.ongoing) {
    const end = localInputToIso(draft.end);
    if (end === undefined) errors.end = 'diagnostics:availability.record.errors.end';
    else if (start !== undefined && Date.parse(end) <= Date.parse(start)) errors.end = 'diagnostics:availability.record.errors.endBeforeStart';
  }
  if (draft.cause.trim().length < 3) errors.cause = 'diagnostics:availability.record.errors.cause';
  return errors;
}

/** Records an outage as a support engineer saw it; the draft stays while the portal refuses it. */
export function RecordOutageDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const record = useRecordOutage();
  const [draft, setDraft] = useState<Draft>(() => ({
    start: localInputValue(new Date()),
    ongoing: true,
    end: '',
    severity: 'critical',
    cause: '',
    customerComponent: false,
  }));
  const [showErrors, setShowErrors] = useState(false);
  const errors = draftErrors(draft);
  const errorOf = (field: keyof DraftErrors) => (showErrors && errors[field] ? t(errors[field]) : undefined);
  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const submit = () => {
    setShowErrors(true);
    if (Object.keys(errors).length > 0) return;
    record.mutate(
      {
        start: localInputToIso(draft.start)!,
        end: draft.ongoing ? null : localInputToIso(draft.end)!,
        severity: draft.severity,
        cause: draft.cause.trim(),
        customerComponent: draft.customerComponent,
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('diagnostics:availability.record.title')} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            type="datetime-local"
            label={t('diagnostics:availability.record.start')}
            required
            value={draft.start}
            error={errorOf('start')}
            onChange={(event) => change({ start: event.currentTarget.value })}
          />
          <Checkbox
            label={t('diagnostics:availability.record.ongoing')}
            checked={draft.ongoing}
            onChange={(event) => change({ ongoing: event.currentTarget.checked })}
          />
          {!draft.ongoing && (
            <TextInput
              type="datetime-local"
              label={t('diagnostics:availability.record.end')}
              required
              value={draft.end}
              error={errorOf('end')}
              onChange={(event) => change({ end: event.currentTarget.value })}
            />
          )}
          <Input.Wrapper label={t('diagnostics:availability.record.severity')} id="outage-severity" labelElement="div">
            <div>
              <SegmentedControl
                aria-labelledby="outage-severity-label"
                value={draft.severity}
                onChange={(value) => change({ severity: OutageSeverity.parse(value) })}
                data={OutageSeverity.options.map((severity) => ({ value: severity, label: t(`diagnostics:availability.severity.${severity}`) }))}
              />
            </div>
          </Input.Wrapper>
          <Textarea
            label={t('diagnostics:availability.record.cause')}
            description={t('diagnostics:availability.record.causeHint')}
            required
            autosize
            minRows={3}
            value={draft.cause}
            error={errorOf('cause')}
            onChange={(event) => change({ cause: event.currentTarget.value })}
          />
          <Checkbox
            label={t('diagnostics:availability.record.customerComponent')}
            description={t('diagnostics:availability.record.customerComponentHint')}
            checked={draft.customerComponent}
            onChange={(event) => change({ customerComponent: event.currentTarget.checked })}
          />
          {record.error && <ErrorAlert error={record.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="record-outage-submit">
              {t('diagnostics:availability.record.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
