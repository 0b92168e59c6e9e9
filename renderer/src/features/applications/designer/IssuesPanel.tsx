import { Alert, Badge, Group, List, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, DefinitionIssue, DefinitionTarget, PageDefinition } from '../../../../../common/domain/application-definition';
import { useDesignerStore } from './designer-store';
import { samePageTitles, useDefinitionFor } from './use-definition-slice';

/** The issue in the UI language; parameters that name kinds and types are translated too. */
export function issueText(issue: DefinitionIssue, t: TFunction): string {
  const params: Record<string, string | number> = { ...issue.params };
  if (typeof params.kind === 'string') params.kind = t(`applications:kinds.${params.kind}`);
  if (typeof params.type === 'string') params.type = t(`applications:types.${params.type}`);
  if (typeof params.what === 'string') params.what = t(`applications:what.${params.what}`);
  if (typeof params.action === 'string') params.action = t(`applications:issues.actionNames.${params.action}`);
  return t(`applications:issues.${issue.code}`, params);
}

/**
 * Shows what an issue is about: selects it; for pages and controls the canvas switches to the page, and a
 * control inside tab sets has each tab set show the tab it is on.
 */
export function jumpTo(target: DefinitionTarget): void {
  const store = useDesignerStore.getState();
  switch (target.kind) {
    case 'application':
      return;
    case 'page':
      store.setActivePage(target.id);
      return;
    case 'control': {
      store.setActivePage(target.pageId);
      const page = store.definition.pages.find((candidate) => candidate.id === target.pageId);
      if (page) for (const { containerId, tab } of tabsAround(page, target.id)) store.showTab(containerId, tab);
      store.selectControl(target.id, target.pageId, 'replace');
      return;
    }
    default:
      store.select(target);
  }
}

/** The tab sets a control sits in (innermost first) with the tab it is on in each; stops at a container cycle. */
export function tabsAround(page: PageDefinition, controlId: string): Array<{ containerId: string; tab: number }> {
  const byId = new Map(page.controls.map((control) => [control.id, control] as const));
  const result: Array<{ containerId: string; tab: number }> = [];
  const seen = new Set<string>();
  let current = byId.get(controlId);
  while (current !== undefined && current.containerId !== null && !seen.has(current.id)) {
    seen.add(current.id);
    const container = byId.get(current.containerId);
    if (container?.kind === 'tabs') result.push({ containerId: container.id, tab: current.tab });
    current = container;
  }
  return result;
}

/** A place issues are grouped under: the application, a data group (with its fields) or a page (with its controls). */
export interface IssueGroup {
  key: string;
  kind: 'application' | 'dataGroup' | 'page';
  id: string;
  name: string;
  errors: number;
  warnings: number;
  /** Errors first, then warnings; document order within each. */
  issues: DefinitionIssue[];
}

function placeOf(target: DefinitionTarget): { kind: IssueGroup['kind']; id: string } {
  switch (target.kind) {
    case 'application':
      return { kind: 'application', id: '' };
    case 'dataGroup':
      return { kind: 'dataGroup', id: target.id };
    case 'field':
      return { kind: 'dataGroup', id: target.dataGroupId };
    case 'page':
      return { kind: 'page', id: target.id };
    case 'control':
      return { kind: 'page', id: target.pageId };
  }
}

/** Issues grouped where they are: the application first, then data groups and pages in the definition's order. */
export function groupIssues(issues: readonly DefinitionIssue[], definition: ApplicationDefinition): IssueGroup[] {
  const order = new Map<string, { rank: number; name: string }>([['application:', { rank: -1, name: '' }]]);
  definition.dataGroups.forEach((group, index) => order.set(`dataGroup:${group.id}`, { rank: index, name: group.name }));
  definition.pages.forEach((page, index) => order.set(`page:${page.id}`, { rank: definition.dataGroups.length + index, name: page.title }));
  const groups = new Map<string, IssueGroup>();
  for (const issue of issues) {
    const place = placeOf(issue.target);
    const key = `${place.kind}:${place.id}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, ...place, name: order.get(key)?.name ?? place.id, errors: 0, warnings: 0, issues: [] };
      groups.set(key, group);
    }
    group.issues.push(issue);
    if (issue.severity === 'error') group.errors += 1;
    else group.warnings += 1;
  }
  const rank = (group: IssueGroup) => order.get(group.key)?.rank ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()]
    .sort((a, b) => rank(a) - rank(b))
    .map((group) => ({ ...group, issues: [...group.issues].sort((a, b) => severityRank(a) - severityRank(b)) }));
}

const severityRank = (issue: DefinitionIssue) => (issue.severity === 'error' ? 0 : 1);

function SeverityIcon({ issue }: { issue: DefinitionIssue }) {
  const { t } = useTranslation();
  return issue.severity === 'error' ? (
    <IconAlertCircle size={14} color="var(--mantine-color-red-6)" aria-label={t('applications:issuesPanel.error')} />
  ) : (
    <IconAlertTriangle size={14} color="var(--mantine-color-yellow-7)" aria-label={t('applications:issuesPanel.warning')} />
  );
}

/** Issues as a list; each one is a button (click or Enter) that shows what it is about. */
export function IssueList({ issues }: { issues: readonly DefinitionIssue[] }) {
  const { t } = useTranslation();
  const sorted = useMemo(() => [...issues].sort((a, b) => severityRank(a) - severityRank(b)), [issues]);
  return (
    <List size="sm" spacing={4} listStyleType="none" data-testid="issue-list">
      {sorted.map((issue, index) => (
        <List.Item key={`${issue.code}:${issue.path}:${index}`} data-code={issue.code} data-severity={issue.severity}>
          <UnstyledButton
            onClick={() => jumpTo(issue.target)}
            disabled={issue.target.kind === 'application'}
            fz="sm"
            className="mantine-focus-auto"
            style={{ textAlign: 'left' }}
            data-testid={`issue-${issue.code}-${issue.target.id}`}
          >
            <Group gap={6} wrap="nowrap" align="flex-start">
              <SeverityIcon issue={issue} />
              <span>{issueText(issue, t)}</span>
            </Group>
          </UnstyledButton>
        </List.Item>
      ))}
    </List>
  );
}

function Counts({ errors, warnings }: { errors: number; warnings: number }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {errors > 0 && (
        <Badge size="sm" color="red" variant="light">
          {t('applications:issuesPanel.errors', { count: errors })}
        </Badge>
      )}
      {warnings > 0 && (
        <Badge size="sm" color="yellow" variant="light">
          {t('applications:issuesPanel.warnings', { count: warnings })}
        </Badge>
      )}
    </Group>
  );
}

function groupTitle(group: IssueGroup, t: TFunction): string {
  if (group.kind === 'application') return t('applications:issuesPanel.application');
  const name = group.name.trim() === '' ? '…' : group.name;
  return group.kind === 'dataGroup' ? t('applications:issuesPanel.dataGroup', { name }) : t('applications:issuesPanel.page', { name });
}

/** What `groupIssues` reads of the definition: data groups' and pages' ids, names and order. */
const samePlaces = (a: ApplicationDefinition, b: ApplicationDefinition) =>
  samePageTitles(a, b) &&
  (a.dataGroups === b.dataGroups || (a.dataGroups.length === b.dataGroups.length && a.dataGroups.every((group, index) => group.id === b.dataGroups[index]?.id && group.name === b.dataGroups[index]?.name)));

/**
 * Live validation of the whole draft, grouped by data group and page, errors before warnings. Errors keep
 * the draft from being published; warnings (a field shown nowhere, a page nobody reaches) do not.
 */
export function IssuesPanel({ issues }: { issues: readonly DefinitionIssue[] }) {
  const { t } = useTranslation();
  // Only the names and order of data groups and pages: moving a control re-renders no issue list.
  const definition = useDefinitionFor(samePlaces);
  const groups = useMemo(() => groupIssues(issues, definition), [issues, definition]);
  if (issues.length === 0) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} data-testid="issues-none">
        {t('applications:issuesPanel.none')}
      </Alert>
    );
  }
  const errors = groups.reduce((sum, group) => sum + group.errors, 0);
  const warnings = issues.length - errors;
  const title = errors > 0 ? t('applications:issuesPanel.title', { count: errors }) : t('applications:issuesPanel.onlyWarnings', { count: warnings });
  return (
    <Alert
      color={errors > 0 ? 'red' : 'yellow'}
      variant="light"
      icon={errors > 0 ? <IconAlertCircle aria-hidden /> : <IconAlertTriangle aria-hidden />}
      title={title}
      data-testid="issues-panel"
      data-errors={errors}
      data-warnings={warnings}
    >
      <Stack gap="xs">
        <Counts errors={errors} warnings={warnings} />
        {groups.map((group) => (
          <section key={group.key} aria-label={groupTitle(group, t)} data-testid={`issue-group-${group.kind}-${group.id}`}>
            <Group gap="xs" mb={2}>
              <Text size="sm" fw={600}>
                {groupTitle(group, t)}
              </Text>
              <Counts errors={group.errors} warnings={group.warnings} />
            </Group>
            <IssueList issues={group.issues} />
          </section>
        ))}
      </Stack>
    </Alert>
  );
}
