import { describe, expect, it } from 'vitest';
import type { ProblemReport } from './report-quality';
import type { SeverityAnswers } from './severity';
import type { Severity } from './sla';
import { areaIssues, reportAdvice, severityIssues, ticketIssues, type TicketAreaKind } from './ticket-rules';

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

/** The nginx report of issue 13: clear, critical, and without numbered steps. */
const nginxDown: ProblemReport = {
  steps: 'nginx answers 502 since 10:14 for every page of the portal, the login page included.',
  expected: 'The portal answers with its pages.',
  actual: 'nginx answers 502 Bad Gateway since 10:14 on every URL.',
  details: 'All 400 users are affected.',
};

describe('ticketIssues', () => {
  it('passes a complete, specific critical ticket', () => {
    expect(ticketIssues({ answers: prodDown, areaKind: 'portal', severity: 'critical', severityReason: null })).toEqual([]);
  });

  it('collects severity and area findings with their paths; the report is not among them', () => {
    const issues = ticketIssues({ answers: { ...prodDown, system: 'test' }, areaKind: 'application', severity: 'critical', severityReason: null });
    expect(issues.map((issue) => issue.path)).toEqual(['severity', 'severityReason', 'area']);
  });

  // Service description 6.2: "Der Kunde meldet Störungen unverzüglich nach ihrem Auftreten über das Intrex Support Center"
  // and "Die Störungsmeldung hat eine nachvollziehbare Schilderung des aufgetretenen Fehlers zu enthalten und muss so genau
  // sein, dass United Planet zielgerichtet mit der Fehlerbeseitigung beginnen kann." The report rules advise on the second
  // sentence; they never stand in the way of the first.
  it('a clear critical report without numbered steps ("nginx answers 502 since 10:14 ...") breaks no rule, it only gets advice', () => {
    const ticket = { answers: prodDown, areaKind: 'portal' as const, severity: 'critical' as const, severityReason: null, report: nginxDown };
    expect(ticketIssues(ticket)).toEqual([]);
    expect(reportAdvice(ticket).map((advice) => advice.key)).toEqual(['tickets.report.issue.steps_not_numbered']);
  });
});

describe('reportAdvice', () => {
  it('gives the report findings with their paths', () => {
    const advice = reportAdvice({ answers: prodDown, report: { ...report, actual: 'geht nicht' } });
    expect(advice.map((item) => item.path)).toEqual(['report.actual']);
  });

  it('asks questions for a question, not reproduction steps', () => {
    const question: SeverityAnswers = { system: 'production', scope: 'question', impact: 'none', concurrentFaults: 0 };
    const empty = { steps: '', expected: '', actual: '', details: '' };
    expect(reportAdvice({ answers: question, report: empty }).map((i) => i.key)).toEqual(['tickets.report.issue.question_too_short']);
  });
});
