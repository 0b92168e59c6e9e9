import { describe, expect, it } from 'vitest';
import { checkReport, numberedStepCount, specificWords, type ProblemReport, type ReportIssueKey } from './report-quality';

const goodSteps = '1. Im CRM die Firma "Beispiel AG" öffnen\n2. Auf "Angebot anlegen" klicken\n3. Speichern';
const good: ProblemReport = {
  steps: goodSteps,
  expected: 'Das Angebot wird gespeichert und in der Liste angezeigt.',
  actual: 'Meldung "HTTP 500 – interner Serverfehler", das Angebot fehlt in der Liste.',
  details: '',
};

const keysOf = (report: Partial<ProblemReport>, question = false): ReportIssueKey[] =>
  checkReport({ ...good, ...report }, { question }).map((issue) => issue.key);

const k = (key: string) => `tickets.report.issue.${key}`;

describe('checkReport for faults', () => {
  it.each<[string, Partial<ProblemReport>, string[]]>([
    ['a specific German report', {}, []],
    [
      'a specific English report with "Step n" lines',
      {
        steps: 'Step 1 open the vacation app as a team lead\nStep 2 approve a pending request',
        expected: 'The request shows as approved.',
        actual: 'The approve button stays grey and the request remains pending after reload.',
      },
      [],
    ],
    ['numbered with parentheses', { steps: '1) open the CRM start page\n2) search for "Muster" in companies' }, []],
    ['only "geht nicht"', { actual: 'Geht nicht!!! Funktioniert einfach nicht mehr.' }, [k('actual_too_vague')]],
    ['only "doesn\'t work"', { actual: "It doesn't work, still broken, please fix" }, [k('actual_too_vague')]],
    ['an error without saying which', { actual: 'Fehler, Fehler, immer noch Fehler.' }, [k('actual_too_vague')]],
    ['an actual result that is too short', { actual: 'Fehler 500' }, [k('actual_too_short')]],
    ['steps as prose', { steps: 'Ich öffne das CRM und lege ein Angebot an, dann speichere ich es.' }, [k('steps_not_numbered')]],
    ['one numbered step only', { steps: '1. Im CRM ein Angebot anlegen und speichern, danach neu laden' }, [k('steps_not_numbered')]],
    ['steps too short', { steps: '1. CRM\n2. Speichern' }, [k('steps_too_short')]],
    ['no expected result', { expected: 'geht' }, [k('expected_too_short')]],
    [
      'expected and actual the same',
      { expected: 'Die Seite lädt nicht richtig', actual: 'die Seite   lädt nicht richtig' },
      [k('expected_equals_actual')],
    ],
    [
      'an empty report',
      { steps: '', expected: '', actual: '' },
      [k('steps_too_short'), k('steps_not_numbered'), k('expected_too_short'), k('actual_too_short')],
    ],
  ])('%s', (_name, report, expected) => {
    expect(keysOf(report)).toEqual(expected);
  });

  it('names the field of each finding', () => {
    const issues = checkReport({ ...good, steps: '', actual: 'geht nicht, kaputt, Fehler' }, { question: false });
    expect(issues.map((issue) => issue.field)).toEqual(['steps', 'steps', 'actual']);
    expect(issues.every((issue) => issue.message.length > 10)).toBe(true);
  });
});

describe('checkReport for questions', () => {
  it.each<[string, Partial<ProblemReport>, string[]]>([
    ['a real question, no steps needed', { steps: '', expected: '', actual: '', details: 'Wie richte ich eine Vertretungsregel im Urlaubsantrag ein?' }, []],
    ['a question that is too short', { steps: '', expected: '', actual: '', details: 'Wie geht das?' }, [k('question_too_short')]],
  ])('%s', (_name, report, expected) => {
    expect(keysOf(report, true)).toEqual(expected);
  });
});

describe('helpers', () => {
  it.each([
    ['1. a\n2. b\n3) c\n4: d', 4],
    ['Schritt 1 öffnen\nschritt 2 klicken', 2],
    ['- a bullet\n* another', 0],
    ['2025 war ein gutes Jahr\n', 0],
    ['  10. indented\n', 1],
  ])('numberedStepCount(%j) = %i', (steps, count) => {
    expect(numberedStepCount(steps)).toBe(count);
  });

  it('keeps numbers and specific words, drops vague words and fillers', () => {
    expect(specificWords("Error 500: the order doesn't save")).toEqual(['500', 'order', 'save']);
    expect(specificWords('Geht nicht, Fehler!')).toEqual([]);
  });
});
