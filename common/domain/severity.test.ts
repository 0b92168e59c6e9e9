import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeSeverity, SeverityAnswers, severityReasonKeys, type SeverityProposal } from './severity';

type Row = [
  SeverityAnswers['system'],
  SeverityAnswers['scope'],
  SeverityAnswers['impact'],
  number,
  SeverityProposal['severity'],
  string[],
];

const r = (key: string): string => `tickets.severity.reason.${key}`;

describe('proposeSeverity', () => {
  it.each<Row>([
    // Production: the description's three classes.
    ['production', 'whole-portal', 'down', 0, 'critical', [r('primary_down')]],
    ['production', 'primary-application', 'down', 1, 'critical', [r('primary_down')]],
    ['production', 'primary-process', 'down', 0, 'critical', [r('primary_down')]],
    ['production', 'secondary-function', 'down', 0, 'major', [r('secondary_function_down')]],
    ['production', 'whole-portal', 'significant-restriction', 0, 'major', [r('significant_restriction')]],
    ['production', 'secondary-function', 'significant-restriction', 2, 'major', [r('significant_restriction')]],
    ['production', 'primary-application', 'minor', 0, 'other', [r('minor_impact')]],
    ['production', 'secondary-function', 'none', 0, 'other', [r('no_impact')]],
    ['production', 'question', 'down', 0, 'other', [r('question')]],
    // Several concurrent faults raise by one step on production.
    ['production', 'secondary-function', 'minor', 3, 'major', [r('minor_impact'), r('concurrent_faults_raised')]],
    ['production', 'secondary-function', 'down', 3, 'critical', [r('secondary_function_down'), r('concurrent_faults_raised')]],
    ['production', 'whole-portal', 'significant-restriction', 5, 'critical', [r('significant_restriction'), r('concurrent_faults_raised')]],
    // Only one step: minor impact with many faults reaches major, not critical.
    ['production', 'primary-process', 'minor', 10, 'major', [r('minor_impact'), r('concurrent_faults_raised')]],
    // Already critical stays critical without an extra reason.
    ['production', 'whole-portal', 'down', 4, 'critical', [r('primary_down')]],
    // Questions and reports without impact are not faults, so they are not raised.
    ['production', 'question', 'significant-restriction', 5, 'other', [r('question')]],
    ['production', 'primary-application', 'none', 5, 'other', [r('no_impact')]],
    // Non-production systems are "other" and never critical.
    ['test', 'whole-portal', 'down', 0, 'other', [r('non_production')]],
    ['dev', 'primary-application', 'significant-restriction', 2, 'other', [r('non_production')]],
    ['test', 'whole-portal', 'down', 3, 'major', [r('non_production'), r('concurrent_faults_raised')]],
    ['dev', 'primary-process', 'down', 50, 'major', [r('non_production'), r('concurrent_faults_raised')]],
    ['test', 'question', 'none', 0, 'other', [r('question')]],
  ])('%s / %s / %s / %i faults -> %s', (system, scope, impact, concurrentFaults, severity, reasons) => {
    expect(proposeSeverity({ system, scope, impact, concurrentFaults })).toEqual({ severity, reasons });
  });

  it.each([-1, 1.5, Number.NaN])('rejects %s concurrent faults', (concurrentFaults) => {
    expect(() =>
      proposeSeverity({ system: 'production', scope: 'whole-portal', impact: 'down', concurrentFaults }),
    ).toThrow(RangeError);
  });

  const answers = fc.record({
    system: fc.constantFrom('production' as const, 'test' as const, 'dev' as const),
    scope: fc.constantFrom(...SeverityAnswers.shape.scope.options),
    impact: fc.constantFrom(...SeverityAnswers.shape.impact.options),
    concurrentFaults: fc.nat({ max: 20 }),
  });

  it('never proposes critical for a non-production system', () => {
    fc.assert(
      fc.property(answers, (input) => {
        if (input.system !== 'production') expect(proposeSeverity(input).severity).not.toBe('critical');
      }),
    );
  });

  it('never lowers the class when more faults are reported', () => {
    const rank = { other: 0, major: 1, critical: 2 } as const;
    fc.assert(
      fc.property(answers, fc.nat({ max: 20 }), (input, extraFaults) => {
        const fewer = proposeSeverity(input).severity;
        const more = proposeSeverity({ ...input, concurrentFaults: input.concurrentFaults + extraFaults }).severity;
        expect(rank[more]).toBeGreaterThanOrEqual(rank[fewer]);
      }),
    );
  });

  it('only reports known i18n keys', () => {
    fc.assert(
      fc.property(answers, (input) => {
        for (const reason of proposeSeverity(input).reasons) expect(severityReasonKeys).toContain(reason);
      }),
    );
  });
});

describe('SeverityAnswers schema', () => {
  it('accepts a complete answer set and rejects negative fault counts', () => {
    const valid = { system: 'test', scope: 'question', impact: 'none', concurrentFaults: 0 };
    expect(SeverityAnswers.safeParse(valid).success).toBe(true);
    expect(SeverityAnswers.safeParse({ ...valid, concurrentFaults: -2 }).success).toBe(false);
    expect(SeverityAnswers.safeParse({ ...valid, system: 'staging' }).success).toBe(false);
  });
});
