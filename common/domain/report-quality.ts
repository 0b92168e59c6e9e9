/**
 * "The description must let support reproduce the fault" (service description). A small heuristic that
 * catches the reports support cannot act on: too short, no numbered steps, or only "doesn't work".
 * It is advice, never a gate: the console shows every finding while typing and the portal files the ticket
 * whatever it finds (a clear critical report such as "nginx answers 502 since 10:14" has no numbered steps,
 * and support must have it at once).
 */

export interface ProblemReport {
  /** Steps to reproduce, one numbered step per line ("1. Open the CRM"). */
  steps: string;
  expected: string;
  actual: string;
  /** Anything else: since when, how often, who is affected. Optional for faults, the question itself for questions. */
  details: string;
}

export type ReportField = keyof ProblemReport;

/** i18n keys, in the order they are reported. */
export const reportIssueKeys = [
  'tickets.report.issue.steps_too_short',
  'tickets.report.issue.steps_not_numbered',
  'tickets.report.issue.expected_too_short',
  'tickets.report.issue.actual_too_short',
  'tickets.report.issue.actual_too_vague',
  'tickets.report.issue.expected_equals_actual',
  'tickets.report.issue.question_too_short',
] as const;
export type ReportIssueKey = (typeof reportIssueKeys)[number];

export interface ReportIssue {
  field: ReportField;
  key: ReportIssueKey;
  /** English text for logs and API clients; the console shows its translation of `key`. */
  message: string;
}

export const REPORT_RULES = {
  stepsMinLength: 40,
  minNumberedSteps: 2,
  expectedMinLength: 15,
  actualMinLength: 15,
  /** Words that say something specific (not "error", "doesn't work", fillers) an actual result needs. */
  actualMinSpecificWords: 3,
  questionMinLength: 30,
} as const;

/** A line that starts a numbered step: "1.", "2)", "3:" or "Schritt 4". */
const NUMBERED_STEP = /^\s*(?:(?:step|schritt)\s*)?\d{1,2}\s*[.):-]?\s+\S/i;

/** Words that carry no information about what went wrong, in German and English. */
const VAGUE_WORDS = new Set([
  // "doesn't work", "not working", "geht nicht", "funktioniert nicht", ...
  'doesn', 'doesnt', 'does', 'not', 'work', 'works', 'working', 'worked', 'broken', 'broke', 'fail', 'fails', 'failed',
  'failing', 'error', 'errors', 'problem', 'problems', 'issue', 'issues', 'bug', 'bugs', 'wrong', 'bad', 'nothing',
  'anything', 'something', 'again', 'still', 'always', 'anymore', 'please', 'help', 'urgent', 'asap', 'fix',
  'geht', 'gehts', 'nicht', 'mehr', 'funktioniert', 'funktionieren', 'klappt', 'kaputt', 'fehler', 'fehlerhaft',
  'problem', 'probleme', 'falsch', 'nichts', 'immer', 'noch', 'wieder', 'bitte', 'hilfe', 'dringend', 'schnell',
  'defekt', 'läuft', 'laeuft',
  // Fillers.
  'the', 'and', 'but', 'this', 'that', 'with', 'from', 'for', 'was', 'are', 'has', 'have', 'had', 'all', 'any',
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'und', 'aber', 'auch', 'ist', 'sind', 'war',
  'hat', 'haben', 'mit', 'bei', 'von', 'für', 'fuer', 'dass', 'alles', 'etwas', 'mal', 'halt', 'einfach', 'gar',
]);

function normalised(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Words of three letters or more (or containing a digit, like "500" or "v12") that are not vague. */
export function specificWords(text: string): string[] {
  const words = normalised(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word) => (word.length >= 3 || /\d/.test(word)) && !VAGUE_WORDS.has(word));
}

export function numberedStepCount(steps: string): number {
  return steps.split(/\r?\n/).filter((line) => NUMBERED_STEP.test(line)).length;
}

function issue(field: ReportField, key: ReportIssueKey, message: string): ReportIssue {
  return { field, key, message };
}

function faultIssues({ steps, expected, actual }: ProblemReport): ReportIssue[] {
  const issues: ReportIssue[] = [];
  if (steps.trim().length < REPORT_RULES.stepsMinLength) {
    issues.push(issue('steps', 'tickets.report.issue.steps_too_short', `Describe the steps in at least ${REPORT_RULES.stepsMinLength} characters.`));
  }
  if (numberedStepCount(steps) < REPORT_RULES.minNumberedSteps) {
    issues.push(issue('steps', 'tickets.report.issue.steps_not_numbered', `Number the steps, one per line (at least ${REPORT_RULES.minNumberedSteps}).`));
  }
  if (expected.trim().length < REPORT_RULES.expectedMinLength) {
    issues.push(issue('expected', 'tickets.report.issue.expected_too_short', `Say what you expected in at least ${REPORT_RULES.expectedMinLength} characters.`));
  }
  if (actual.trim().length < REPORT_RULES.actualMinLength) {
    issues.push(issue('actual', 'tickets.report.issue.actual_too_short', `Say what happened instead in at least ${REPORT_RULES.actualMinLength} characters.`));
  } else if (specificWords(actual).length < REPORT_RULES.actualMinSpecificWords) {
    issues.push(issue('actual', 'tickets.report.issue.actual_too_vague', 'Say exactly what happened: the message shown, the wrong value, what stayed empty.'));
  }
  if (expected.trim() !== '' && normalised(expected) === normalised(actual)) {
    issues.push(issue('actual', 'tickets.report.issue.expected_equals_actual', 'Expected and actual result are the same.'));
  }
  return issues;
}

/**
 * Findings that make a report too unspecific to act on; empty when it is good enough.
 * A question needs no reproduction steps, only a question of some substance in `details`.
 */
export function checkReport(report: ProblemReport, options: { question: boolean }): ReportIssue[] {
  if (!options.question) return faultIssues(report);
  if (report.details.trim().length >= REPORT_RULES.questionMinLength) return [];
  return [issue('details', 'tickets.report.issue.question_too_short', `Ask your question in at least ${REPORT_RULES.questionMinLength} characters.`)];
}
