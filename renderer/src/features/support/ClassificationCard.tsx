import { Alert, Autocomplete, Button, Card, Group, List, NumberInput, Radio, SegmentedControl, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CONCURRENT_FAULTS_THRESHOLD } from '../../../../common/domain/severity';
import { severities, type Severity } from '../../../../common/domain/sla';
import { OVERRIDE_REASON_MIN_LENGTH } from '../../../../common/domain/ticket-rules';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSupportAreas } from './api';
import { SeverityBadge } from './Badges';
import { chosenSeverity, issuesAt, proposalOf, type FormIssue, type TicketForm } from './form-model';
import { IssueText } from './IssueText';
import { nonProductionRule } from './severity-text';

export interface CardProps {
  form: TicketForm;
  update(patch: Partial<TicketForm>): void;
  issues: FormIssue[];
  /** Required-field findings are shown once the user tried to send. */
  showAll: boolean;
  /** Written without sign-in: the portal's applications cannot be listed. */
  offline?: boolean;
}

const impacts = ['down', 'significant-restriction', 'minor', 'none', 'question'] as const;

/** The guided questions behind the severity, the proposal with its reasons, and the override. */
export function ClassificationCard({ form, update, issues, showAll, offline = false }: CardProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={2} size="h4">{t('support:form.classification.title')}</Title>
        <Radio.Group
          label={t('support:form.classification.system')}
          value={form.system}
          onChange={(value) => update({ system: value as TicketForm['system'] })}
        >
          <Group mt={4}>
            {(['production', 'test', 'dev'] as const).map((system) => (
              <Radio key={system} value={system} label={t(`support:system.${system}`)} />
            ))}
          </Group>
        </Radio.Group>
        <AffectedArea form={form} update={update} issues={issues} showAll={showAll} offline={offline} />
        <Radio.Group
          label={t('support:form.classification.impact')}
          value={form.impact}
          onChange={(value) => update({ impact: value as TicketForm['impact'] })}
          withAsterisk
          error={showAll && issuesAt(issues, 'impact').length > 0 ? <IssueText issues={issuesAt(issues, 'impact')} /> : undefined}
        >
          <Stack gap={6} mt={4}>
            {impacts.map((impact) => (
              <Radio key={impact} value={impact} label={t(`support:form.impact.${impact}`)} />
            ))}
          </Stack>
        </Radio.Group>
        {form.impact !== null && form.impact !== 'question' && form.impact !== 'none' && (
          <NumberInput
            label={t('support:form.classification.concurrentFaults')}
            description={t('support:form.classification.concurrentFaultsHint', { threshold: CONCURRENT_FAULTS_THRESHOLD })}
            min={1}
            max={1000}
            allowDecimal={false}
            w={320}
            value={form.concurrentFaults}
            onChange={(value) => update({ concurrentFaults: typeof value === 'number' ? value : 1 })}
          />
        )}
        {form.impact === null ? (
          <Text size="sm" c="dimmed" data-testid="severity-choice">{t('support:form.severity.answerFirst')}</Text>
        ) : (
          <SeverityChoice form={form} update={update} issues={issues} showAll={showAll} />
        )}
      </Stack>
    </Card>
  );
}

function AffectedArea({ form, update, issues, showAll, offline = false }: CardProps) {
  const { t } = useTranslation();
  const areas = useSupportAreas(!offline);
  const applications = areas.data?.applications ?? [];
  const areaIssues = showAll ? issuesAt(issues, 'area') : [];
  const pickApplication = (name: string) => {
    const match = applications.find((application) => application.name.toLowerCase() === name.trim().toLowerCase());
    update({ applicationName: name, applicationId: match?.id ?? null });
  };
  return (
    <Stack gap="xs">
      <Radio.Group
        label={t('support:form.classification.affected')}
        value={form.affected}
        onChange={(value) => update({ affected: value as TicketForm['affected'] })}
      >
        <Group mt={4}>
          {(['portal', 'application', 'process'] as const).map((affected) => (
            <Radio key={affected} value={affected} label={t(`support:form.affected.${affected}`)} />
          ))}
        </Group>
      </Radio.Group>
      {form.affected === 'application' && (
        <>
          {areas.error && <ErrorAlert error={areas.error} onRetry={() => void areas.refetch()} />}
          <Autocomplete
            label={t('support:form.classification.application')}
            description={t('support:form.classification.applicationHint')}
            data={applications.map((application) => application.name)}
            value={form.applicationName}
            onChange={pickApplication}
            error={areaIssues.length > 0 ? <IssueText issues={areaIssues} /> : undefined}
            w={400}
          />
        </>
      )}
      {form.affected === 'process' && (
        <TextInput
          label={t('support:form.classification.process')}
          value={form.processName}
          onChange={(event) => update({ processName: event.currentTarget.value })}
          error={areaIssues.length > 0 ? <IssueText issues={areaIssues} /> : undefined}
          w={400}
        />
      )}
      {form.affected !== 'portal' && (
        <Switch
          label={t(`support:form.classification.primary.${form.affected}`)}
          description={t('support:form.classification.primaryHint')}
          checked={form.primary}
          onChange={(event) => update({ primary: event.currentTarget.checked })}
        />
      )}
    </Stack>
  );
}

function SeverityChoice({ form, update, issues }: CardProps) {
  const { t } = useTranslation();
  const proposal = proposalOf(form);
  const chosen = chosenSeverity(form);
  const deviates = chosen !== proposal.severity;
  const severityIssues = issuesAt(issues, 'severity');
  const reasonIssues = issuesAt(issues, 'severityReason');
  const production = form.system === 'production';
  return (
    <Stack gap="xs" data-testid="severity-choice">
      <Group gap="xs">
        <Text fw={600} size="sm">{t('support:form.severity.proposed')}</Text>
        <span data-testid="proposed-severity"><SeverityBadge severity={proposal.severity} /></span>
      </Group>
      <List size="sm" spacing={2}>
        {proposal.reasons.map((reason) => (
          <List.Item key={reason}>{t(`support:${reason}`)}</List.Item>
        ))}
      </List>
      <SegmentedControl
        w="fit-content"
        aria-label={t('support:form.severity.choose')}
        value={chosen}
        onChange={(value) => update({ severityChoice: value === proposal.severity ? null : (value as Severity) })}
        data={severities.map((severity) => ({
          value: severity,
          label: t(`support:severity.${severity}`),
          disabled: severity === 'critical' && !production,
        }))}
      />
      {!production && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
          <Text size="sm">{nonProductionRule(t)}</Text>
        </Alert>
      )}
      {severityIssues.length > 0 && <IssueText issues={severityIssues} />}
      {deviates && (
        <Stack gap={4}>
          <Textarea
            label={t('support:form.severity.reason')}
            description={t('support:form.severity.reasonHint', { min: OVERRIDE_REASON_MIN_LENGTH })}
            autosize
            minRows={2}
            value={form.severityReason}
            onChange={(event) => update({ severityReason: event.currentTarget.value })}
            error={reasonIssues.length > 0 ? <IssueText issues={reasonIssues} /> : undefined}
          />
          <Button variant="subtle" size="xs" w="fit-content" onClick={() => update({ severityChoice: null })}>
            {t('support:form.severity.useProposal')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
