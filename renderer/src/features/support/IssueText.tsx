import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FormIssue } from './form-model';

/** The translated findings for one field (keys of the support namespace). */
export function IssueText({ issues, color = 'red' }: { issues: FormIssue[]; color?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} component="span">
      {issues.map((issue) => (
        <Text key={issue.key} size="xs" c={color} component="span" data-testid={`issue-${issue.key}`}>
          {t(`support:${issue.key}`)}
        </Text>
      ))}
    </Stack>
  );
}
