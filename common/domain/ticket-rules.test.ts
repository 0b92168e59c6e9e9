import { describe, expect, it } from 'vitest';
import type { ProblemReport } from './report-quality';
import type { SeverityAnswers } from './severity';
import type { Severity } from './sla';
import { areaIssues, severityIssues, ticketIssues, type TicketAreaKind } from './ticket-rules';

const prodDown: SeverityAnswers = { system: 'production', scope: 'whole-portal', impact: 'down', concurrentFaults: 0 };
const report: ProblemReport = {
  steps: '1. Portal-Startseite aufrufen\n2. Anmelden mit einem beliebigen Konto',
  expected: 'Die Startseite erscheint nach der Anmeldung.',
  actual: 'Nach der Anmeldung erscheint "503 Service Unavailable" für alle Benutzer.',
  details: '',
};

describe('severityIssues', () => {
  it.each<[string, Partial<SeverityAnswers>, Severity, string | null, string[]]>([
    ['the proposal itself', {}, 'critical', null, []],
    ['a lower class with a reason', {}, 'major', 'Nur Vertrieb betroffen, Umgehung per Telefon', []],
    ['a lower class without a reason', {}, 'major', null, ['tickets.rules.override_reason_required']],
    ['a reason that is too short', {}, 'other', 'egal', ['tickets.rules.override_reason_required']],
    ['critical on a test system, even with a reason', { system: 'test' }, 'critical', 'Go-live morgen früh', ['tickets.rules.critical_requires_production']],
    [
      'critical on a dev system without a reason',
      { system: 'dev' },
      'critical',
      null,
      ['tickets.rules.critical_requires_production', 'tickets.rules.override_reason_required'],
    ],
    ['major on a test system with a reason', { system: 'test' }, 'major', 'Abnahmetest blockiert, Termin morgen', []],
    ['other on a test system (the proposal)', { system: 'test' }, 'other', null, []],
  ])('%s', (_name, answers, severity, reason, expected) => {
    const issues = severityIssues({ answers: { ...prodDown, ...answers }, severity, severityReason: reason });
    expect(issues.map((issue) => issue.key)).toEqual(expected);
  });
});

describe('areaIssues', () => {
  it.each<[SeverityAnswers['scope'], TicketAreaKind, boolean]>([
    ['whole-portal', 'portal', true],
    ['whole-portal', 'application', false],
    ['primary-application', 'application', true],
    ['primary-application', 'process', false],
    ['primary-process', 'process', true],
    ['primary-process', 'portal', false],
    ['secondary-function', 'application', true],
    ['secondary-function', 'portal', true],
    ['question', 'process', true],
  ])('scope %s with area %s fits: %s', (scope, areaKind, fits) => {
    expect(areaIssues({ ...prodDown, scope }, areaKind)).toHaveLength(fits ? 0 : 1);
  });
});

describe('ticketIssues', () => {
  it('passes a complete, specific critical ticket', () => {
    expect(ticketIssues({ answers: prodDown, areaKind: 'portal', severity: 'critical', severityReason: null, report })).toEqual([]);
  });

  it('collects severity, area and report findings with their paths', () => {
    const issues = ticketIssues({
      answers: { ...prodDown, system: 'test' },
      areaKind: 'application',
      severity: 'critical',
      severityReason: null,
      report: { ...report, actual: 'geht nicht' },
    });
    expect(issues.map((issue) => issue.path)).toEqual(['severity', 'severityReason', 'area', 'report.actual']);
  });

  it('asks questions for a question, not reproduction steps', () => {
    const question: SeverityAnswers = { system: 'production', scope: 'question', impact: 'none', concurrentFaults: 0 };
    const empty = { steps: '', expected: '', actual: '', details: '' };
    expect(ticketIssues({ answers: question, areaKind: 'portal', severity: 'other', severityReason: null, report: empty }).map((i) => i.key)).toEqual([
      'tickets.report.issue.question_too_short',
    ]);
  });
});
