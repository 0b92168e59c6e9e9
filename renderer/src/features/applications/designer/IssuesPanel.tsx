import { Alert, List, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DefinitionIssue } from '../../../../../common/domain/application-definition';
import { useDesignerStore } from './designer-store';

/** The issue in the UI language; parameters that name kinds and types are translated too. */
export function issueText(issue: DefinitionIssue, t: TFunction): string {
  const params: Record<string, string | number> = { ...issue.params };
  if (typeof params.kind === 'string') params.kind = t(`applications:kinds.${params.kind}`);
  if (typeof params.type === 'string') params.type = t(`applications:types.${params.type}`);
  if (typeof params.what === 'string') params.what = t(`applications:what.${params.what}`);
  return t(`applications:issues.${issue.code}`, params);
}

/** Issues as a list; each one selects what it is about. */
export function IssueList({ issues }: { issues: readonly DefinitionIssue[] }) {
  const { t } = useTranslation();
  const select = useDesignerStore((state) => state.select);
  const setActivePage = useDesignerStore((state) => state.setActivePage);
  const show = (issue: DefinitionIssue) => {
    const target = issue.target;
    if (target.kind === 'control') {
      setActivePage(target.pageId);
      select({ kind: 'control', id: target.id, pageId: target.pageId });
    } else if (target.kind === 'page') {
      setActivePage(target.id);
    } else {
      select(target);
    }
  };
  return (
    <List size="sm" spacing={4} icon={<IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-hidden />} data-testid="issue-list">
      {issues.map((issue, index) => (
        <List.Item key={`${issue.code}:${issue.path}:${index}`} data-code={issue.code}>
          <UnstyledButton onClick={() => show(issue)} fz="sm" className="mantine-focus-auto" style={{ textAlign: 'left' }}>
            {issueText(issue, t)}
          </UnstyledButton>
        </List.Item>
      ))}
    </List>
  );
}

/** Live validation of the whole draft: publish stays blocked while anything is listed. */
export function IssuesPanel({ issues }: { issues: readonly DefinitionIssue[] }) {
  const { t } = useTranslation();
  if (issues.length === 0) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} data-testid="issues-none">
        {t('applications:issuesPanel.none')}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('applications:issuesPanel.title', { count: issues.length })} data-testid="issues-panel">
      <IssueList issues={issues} />
    </Alert>
  );
}
