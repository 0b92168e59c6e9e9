import { Card, Group, Stack, Text, Textarea, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CardProps } from './ClassificationCard';
import { issuesAt } from './form-model';
import { IssueText } from './IssueText';

const reportPaths = ['report.steps', 'report.expected', 'report.actual', 'report.details'] as const;

/**
 * Subject and the guided description. Whether it is specific enough is checked while typing; the findings are
 * advice (orange under each field and in the verdict) and never keep the ticket from being sent.
 */
export function ReportCard({ form, update, issues, showAll }: CardProps) {
  const { t } = useTranslation();
  const question = form.impact === 'question';
  const at = (path: string) => issuesAt(issues, path);
  const hint = (path: string) => {
    const found = at(path);
    if (found.length === 0) return undefined;
    const blocking = found.some((issue) => issue.advisory !== true);
    return <IssueText issues={found} color={showAll && blocking ? 'red' : 'orange'} />;
  };
  const subjectIssues = showAll ? at('subject') : [];
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={2} size="h4">{t('support:form.report.title')}</Title>
        <TextInput
          label={t('support:form.report.subject')}
          description={t('support:form.report.subjectHint')}
          value={form.subject}
          onChange={(event) => update({ subject: event.currentTarget.value })}
          error={subjectIssues.length > 0 ? <IssueText issues={subjectIssues} /> : undefined}
          maxLength={200}
          withAsterisk
        />
        {!question && (
          <>
            <Textarea
              label={t('support:form.report.steps')}
              description={t('support:form.report.stepsHint')}
              autosize
              minRows={4}
              value={form.steps}
              onChange={(event) => update({ steps: event.currentTarget.value })}
              error={hint('report.steps')}
              withAsterisk
            />
            <Textarea
              label={t('support:form.report.expected')}
              autosize
              minRows={2}
              value={form.expected}
              onChange={(event) => update({ expected: event.currentTarget.value })}
              error={hint('report.expected')}
              withAsterisk
            />
            <Textarea
              label={t('support:form.report.actual')}
              description={t('support:form.report.actualHint')}
              autosize
              minRows={2}
              value={form.actual}
              onChange={(event) => update({ actual: event.currentTarget.value })}
              error={hint('report.actual')}
              withAsterisk
            />
          </>
        )}
        <Textarea
          label={t(question ? 'support:form.report.question' : 'support:form.report.details')}
          description={t(question ? 'support:form.report.questionHint' : 'support:form.report.detailsHint')}
          autosize
          minRows={question ? 4 : 2}
          value={form.details}
          onChange={(event) => update({ details: event.currentTarget.value })}
          error={hint('report.details')}
          withAsterisk={question}
        />
        <QualityVerdict count={reportPaths.reduce((sum, path) => sum + at(path).length, 0)} />
      </Stack>
    </Card>
  );
}

function QualityVerdict({ count }: { count: number }) {
  const { t } = useTranslation();
  const ok = count === 0;
  return (
    <Group gap="xs" data-testid="report-quality" data-ok={ok ? 'true' : 'false'}>
      <ThemeIcon size="sm" radius="xl" color={ok ? 'green' : 'orange'} variant="light">
        {ok ? <IconCheck size={14} aria-hidden /> : <IconAlertTriangle size={14} aria-hidden />}
      </ThemeIcon>
      <Text size="sm">{ok ? t('support:form.report.specificEnough') : t('support:form.report.notSpecific', { count })}</Text>
    </Group>
  );
}
