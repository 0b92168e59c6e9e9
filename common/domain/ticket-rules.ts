import { checkReport, type ProblemReport, type ReportIssueKey } from './report-quality';
import { proposeSeverity, type SeverityAnswers } from './severity';
import type { Severity } from './sla';

/**
 * The rules a ticket must satisfy beyond its shape, shared by the console (live, before anything is
 * queued or sent) and the portal (which refuses violations with 400): severity and affected area only.
 * How specific the report is (report-quality.ts) is advice, answered by `reportAdvice`: it never stops a
 * ticket from being filed, least of all a critical one (issue 13).
 */

export type TicketAreaKind = 'portal' | 'application' | 'process';

export interface TicketClassification {
  answers: SeverityAnswers;
  areaKind: TicketAreaKind;
  severity: Severity;
  /** Why the administrator chose another severity than the proposed one. */
  severityReason: string | null;
}

export const ticketRuleKeys = [
  'tickets.rules.critical_requires_production',
  'tickets.rules.override_reason_required',
  'tickets.rules.area_does_not_fit_scope',
] as const;
export type TicketRuleKey = (typeof ticketRuleKeys)[number];

export interface TicketRuleIssue {
  /** Field path in the ticket payload, e.g. `severity` or `report.steps`. */
  path: string;
  key: TicketRuleKey | ReportIssueKey;
  /** English text for API clients; the console translates `key`. */
  message: string;
}

export const OVERRIDE_REASON_MIN_LENGTH = 10;

/** The area a scope names: "primary application down" must name the application. */
const areaOfScope: Partial<Record<SeverityAnswers['scope'], TicketAreaKind>> = {
  'whole-portal': 'portal',
  'primary-application': 'application',
  'primary-process': 'process',
};

export function expectedAreaKind(scope: SeverityAnswers['scope']): TicketAreaKind | null {
  return areaOfScope[scope] ?? null;
}

/** Severity rules: non-production is never critical; deviating from the proposal needs a reason. */
export function severityIssues({ answers, severity, severityReason }: Omit<TicketClassification, 'areaKind'>): TicketRuleIssue[] {
  const issues: TicketRuleIssue[] = [];
  if (severity === 'critical' && answers.system !== 'production') {
    issues.push({
      path: 'severity',
      key: 'tickets.rules.critical_requires_production',
      message: 'Only a production system can have a critical fault; test and development systems are "other".',
    });
  }
  const proposed = proposeSeverity(answers).severity;
  if (severity !== proposed && (severityReason ?? '').trim().length < OVERRIDE_REASON_MIN_LENGTH) {
    issues.push({
      path: 'severityReason',
      key: 'tickets.rules.override_reason_required',
      message: `The severity differs from the proposed "${proposed}": give a reason of at least ${OVERRIDE_REASON_MIN_LENGTH} characters.`,
    });
  }
  return issues;
}

export function areaIssues(answers: SeverityAnswers, areaKind: TicketAreaKind): TicketRuleIssue[] {
  const expected = expectedAreaKind(answers.scope);
  if (expected === null || expected === areaKind) return [];
  return [
    {
      path: 'area',
      key: 'tickets.rules.area_does_not_fit_scope',
      message: `The scope "${answers.scope}" needs an affected area of kind "${expected}", not "${areaKind}".`,
    },
  ];
}

/** Every rule a new ticket breaks; empty when it may be filed. The report's wording is never one of them. */
export function ticketIssues(ticket: TicketClassification): TicketRuleIssue[] {
  return [...severityIssues(ticket), ...areaIssues(ticket.answers, ticket.areaKind)];
}

/** Advice on the report (fields paths `report.*`): shown while typing and answered with the ticket, never refused. */
export function reportAdvice(ticket: Pick<TicketClassification, 'answers'> & { report: ProblemReport }): TicketRuleIssue[] {
  return checkReport(ticket.report, { question: ticket.answers.scope === 'question' }).map(
    (issue): TicketRuleIssue => ({ path: `report.${issue.field}`, key: issue.key, message: issue.message }),
  );
}
