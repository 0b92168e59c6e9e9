import { z } from 'zod';
import type { Severity } from './sla';

/**
 * Severity classes from the service description:
 * - critical: production portal, primary application or primary process down;
 * - major: significant restriction, primary functions intact;
 * - other: non-production systems, questions.
 * Several concurrent faults may raise the class by one step; non-production is never critical.
 */

export const SeverityAnswers = z.object({
  system: z.enum(['production', 'test', 'dev']),
  scope: z.enum(['whole-portal', 'primary-application', 'primary-process', 'secondary-function', 'question']),
  impact: z.enum(['down', 'significant-restriction', 'minor', 'none']),
  concurrentFaults: z.number().int().min(0),
});
export type SeverityAnswers = z.infer<typeof SeverityAnswers>;

/** From this many faults at the same time on, the class is raised by one step. */
export const CONCURRENT_FAULTS_THRESHOLD = 3;

/** i18n keys, in the order they are reported. */
export const severityReasonKeys = [
  'tickets.severity.reason.question',
  'tickets.severity.reason.non_production',
  'tickets.severity.reason.primary_down',
  'tickets.severity.reason.secondary_function_down',
  'tickets.severity.reason.significant_restriction',
  'tickets.severity.reason.minor_impact',
  'tickets.severity.reason.no_impact',
  'tickets.severity.reason.concurrent_faults_raised',
] as const;
export type SeverityReasonKey = (typeof severityReasonKeys)[number];

export interface SeverityProposal {
  severity: Severity;
  reasons: SeverityReasonKey[];
}

const primaryScopes: ReadonlySet<SeverityAnswers['scope']> = new Set([
  'whole-portal',
  'primary-application',
  'primary-process',
]);

export function proposeSeverity(answers: SeverityAnswers): SeverityProposal {
  if (!Number.isInteger(answers.concurrentFaults) || answers.concurrentFaults < 0) {
    throw new RangeError(`concurrentFaults must be a non-negative integer, got ${answers.concurrentFaults}`);
  }
  const base = baseSeverity(answers);
  if (!raisesClass(answers)) return base;
  const raised = raiseOneStep(base.severity, answers.system === 'production');
  if (raised === base.severity) return base;
  return { severity: raised, reasons: [...base.reasons, 'tickets.severity.reason.concurrent_faults_raised'] };
}

function baseSeverity({ system, scope, impact }: SeverityAnswers): SeverityProposal {
  if (scope === 'question') return { severity: 'other', reasons: ['tickets.severity.reason.question'] };
  if (system !== 'production') return { severity: 'other', reasons: ['tickets.severity.reason.non_production'] };
  switch (impact) {
    case 'down':
      return primaryScopes.has(scope)
        ? { severity: 'critical', reasons: ['tickets.severity.reason.primary_down'] }
        : { severity: 'major', reasons: ['tickets.severity.reason.secondary_function_down'] };
    case 'significant-restriction':
      return { severity: 'major', reasons: ['tickets.severity.reason.significant_restriction'] };
    case 'minor':
      return { severity: 'other', reasons: ['tickets.severity.reason.minor_impact'] };
    case 'none':
      return { severity: 'other', reasons: ['tickets.severity.reason.no_impact'] };
  }
}

/** Only actual faults accumulate: questions and reports without impact are never raised. */
function raisesClass({ scope, impact, concurrentFaults }: SeverityAnswers): boolean {
  return scope !== 'question' && impact !== 'none' && concurrentFaults >= CONCURRENT_FAULTS_THRESHOLD;
}

function raiseOneStep(severity: Severity, isProduction: boolean): Severity {
  if (severity === 'other') return 'major';
  if (severity === 'major' && isProduction) return 'critical';
  return severity;
}
