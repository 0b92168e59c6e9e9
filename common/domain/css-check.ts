import { parser } from '@lezer/css';

/**
 * Checks custom portal CSS before it is saved or published: syntax errors (from the Lezer CSS grammar
 * that the console's CodeMirror editor also uses), markup that would end the portal's `<style>` element,
 * and `@import`, which would load styles from elsewhere past the portal's review.
 */

export const CUSTOM_CSS_MAX_LENGTH = 100_000;

export const cssIssueCodes = ['syntax_error', 'style_end_tag', 'import_not_allowed', 'too_long'] as const;
export type CssIssueCode = (typeof cssIssueCodes)[number];

export interface CssIssue {
  code: CssIssueCode;
  /** Offsets into the source, for the editor's markers. */
  from: number;
  to: number;
  /** 1-based, for messages. */
  line: number;
  column: number;
  message: string;
}

function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function issueAt(source: string, code: CssIssueCode, from: number, to: number, message: string): CssIssue {
  return { code, from, to, ...position(source, from), message };
}

function syntaxIssues(source: string): CssIssue[] {
  const issues: CssIssue[] = [];
  parser.parse(source).iterate({
    enter(node) {
      if (!node.type.isError) return;
      // Error nodes are often empty (a missing token); mark at least one character so the editor shows it.
      const to = Math.min(source.length, Math.max(node.to, node.from + 1));
      const { line, column } = position(source, node.from);
      issues.push(issueAt(source, 'syntax_error', node.from, to, `Syntax error at line ${line}, column ${column}`));
    },
  });
  return issues;
}

function patternIssues(source: string, pattern: RegExp, code: CssIssueCode, message: string): CssIssue[] {
  return [...source.matchAll(pattern)].map((match) => issueAt(source, code, match.index, match.index + match[0].length, message));
}

/** Every problem of the stylesheet; an empty list means it may be saved. */
export function checkCss(source: string): CssIssue[] {
  if (source.length > CUSTOM_CSS_MAX_LENGTH) {
    return [issueAt(source, 'too_long', CUSTOM_CSS_MAX_LENGTH, source.length, `Custom CSS is limited to ${CUSTOM_CSS_MAX_LENGTH} characters`)];
  }
  return [
    ...syntaxIssues(source),
    ...patternIssues(source, /<\/style/gi, 'style_end_tag', 'The text </style would end the portal\'s style element'),
    ...patternIssues(source, /@import\b/gi, 'import_not_allowed', '@import is not allowed: put the rules into the custom CSS itself'),
  ].sort((a, b) => a.from - b.from);
}
