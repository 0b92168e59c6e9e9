import {
  DISPLAY_NAME_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  EMAIL_PATTERN,
  LOGIN_MAX_LENGTH,
  LOGIN_MIN_LENGTH,
  LOGIN_PATTERN,
  type ImportIssue,
  type ImportRowInput,
  type UserLanguage,
} from '../portal-api/users';
import { safeCsvCell, safeCsvLine, unprotectCsvCell } from './csv-cell';

/**
 * CSV import and export of users: column names, row rules and cell encoding. The console runs the
 * row rules for the preview, the portal runs them again (plus the checks that need its data: logins
 * taken, groups unknown) before it writes anything.
 */

export const importFields = ['login', 'displayName', 'email', 'language', 'enabled', 'groups'] as const;
export type ImportField = (typeof importFields)[number];

/** Header spellings accepted per column (compared lower-case, without spaces, dashes and underscores). */
const headerAliases: Record<ImportField, readonly string[]> = {
  login: ['login', 'benutzername', 'username', 'user', 'anmeldename', 'loginname'],
  displayName: ['displayname', 'name', 'anzeigename', 'fullname', 'vollständigername'],
  email: ['email', 'mail', 'emailadresse', 'emailaddress'],
  language: ['language', 'sprache', 'lang'],
  enabled: ['enabled', 'aktiv', 'active', 'aktiviert'],
  groups: ['groups', 'gruppen', 'group', 'gruppe'],
};

function headerToken(header: string): string {
  return header.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-.]+/gu, '');
}

/** The import field a CSV header names, or null for columns the import ignores. */
export function importFieldOf(header: string): ImportField | null {
  const token = headerToken(header);
  return importFields.find((field) => headerAliases[field].includes(token)) ?? null;
}

export interface HeaderMapping {
  /** Column header -> field, for the headers that were recognised. */
  columns: Record<string, ImportField>;
  ignored: string[];
  missing: ImportField[];
  /** Headers that name a field already taken by an earlier column. */
  duplicates: string[];
}

/** login and displayName are required columns; the others may be absent. */
export const requiredImportFields: readonly ImportField[] = ['login', 'displayName'];

export function mapImportHeaders(headers: readonly string[]): HeaderMapping {
  const columns: Record<string, ImportField> = {};
  const seen = new Set<ImportField>();
  const ignored: string[] = [];
  const duplicates: string[] = [];
  for (const header of headers) {
    const field = importFieldOf(header);
    if (field === null) ignored.push(header);
    else if (seen.has(field)) duplicates.push(header);
    else {
      seen.add(field);
      columns[header] = field;
    }
  }
  return { columns, ignored, duplicates, missing: requiredImportFields.filter((field) => !seen.has(field)) };
}

/** A parsed CSV record (header -> cell) turned into the import's row shape. */
export function toImportRow(record: Record<string, unknown>, mapping: HeaderMapping): Required<ImportRowInput> {
  const row: Required<ImportRowInput> = { login: '', displayName: '', email: '', language: '', enabled: '', groups: '' };
  for (const [header, field] of Object.entries(mapping.columns)) {
    const value = record[header];
    row[field] = typeof value === 'string' ? decodeCsvCell(value) : '';
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Row rules

export interface ImportUser {
  login: string;
  displayName: string;
  email: string | null;
  language: UserLanguage;
  enabled: boolean;
  /** Group names as written (matched case-insensitively by the portal). */
  groups: string[];
}

const TRUE_WORDS = new Set(['true', 'yes', 'ja', 'y', 'j', '1', 'x', 'aktiv', 'active', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'nein', 'n', '0', 'inaktiv', 'inactive', 'disabled', 'deaktiviert']);
const LANGUAGE_WORDS: Record<string, UserLanguage> = {
  de: 'de',
  deutsch: 'de',
  german: 'de',
  ger: 'de',
  en: 'en',
  englisch: 'en',
  english: 'en',
  eng: 'en',
};

/** Group names in one cell: separated by `;` or `|` (the comma separates columns). */
export function splitGroups(cell: string): string[] {
  const names = cell
    .split(/[;|]/u)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type RowIssue = Omit<ImportIssue, 'row'>;

function loginIssues(login: string): RowIssue[] {
  if (login === '') return [{ field: 'login', code: 'required' }];
  if (login.length < LOGIN_MIN_LENGTH) return [{ field: 'login', code: 'too_short', params: { min: LOGIN_MIN_LENGTH } }];
  if (login.length > LOGIN_MAX_LENGTH) return [{ field: 'login', code: 'too_long', params: { max: LOGIN_MAX_LENGTH } }];
  return LOGIN_PATTERN.test(login) ? [] : [{ field: 'login', code: 'invalid_login' }];
}

function displayNameIssues(name: string): RowIssue[] {
  if (name === '') return [{ field: 'displayName', code: 'required' }];
  return name.length > DISPLAY_NAME_MAX_LENGTH ? [{ field: 'displayName', code: 'too_long', params: { max: DISPLAY_NAME_MAX_LENGTH } }] : [];
}

function emailIssues(email: string): RowIssue[] {
  if (email === '') return [];
  if (email.length > EMAIL_MAX_LENGTH) return [{ field: 'email', code: 'too_long', params: { max: EMAIL_MAX_LENGTH } }];
  return EMAIL_PATTERN.test(email) ? [] : [{ field: 'email', code: 'invalid_email' }];
}

function parseEnabled(cell: string): boolean | null {
  const word = cell.trim().toLowerCase();
  if (word === '') return true;
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

function parseLanguage(cell: string): UserLanguage | null {
  const word = cell.trim().toLowerCase();
  if (word === '') return 'de';
  return LANGUAGE_WORDS[word] ?? null;
}

export interface ImportRowCheck {
  user: ImportUser | null;
  issues: RowIssue[];
}

/** The rules one row must meet on its own. */
export function checkImportRow(input: ImportRowInput): ImportRowCheck {
  const login = (input.login ?? '').trim();
  const displayName = (input.displayName ?? '').trim();
  const email = (input.email ?? '').trim();
  const enabled = parseEnabled(input.enabled ?? '');
  const language = parseLanguage(input.language ?? '');
  const issues = [...loginIssues(login), ...displayNameIssues(displayName), ...emailIssues(email)];
  if (language === null) issues.push({ field: 'language', code: 'invalid_language', params: { value: (input.language ?? '').trim() } });
  if (enabled === null) issues.push({ field: 'enabled', code: 'invalid_boolean', params: { value: (input.enabled ?? '').trim() } });
  if (issues.length > 0 || language === null || enabled === null) return { user: null, issues };
  return {
    user: { login, displayName, email: email === '' ? null : email, language, enabled, groups: splitGroups(input.groups ?? '') },
    issues: [],
  };
}

export interface ImportRowsCheck {
  /** Valid rows with their 1-based row number. */
  valid: { row: number; user: ImportUser }[];
  issues: ImportIssue[];
}

/** Every row on its own, then logins that occur twice in the file (the later rows are rejected). */
export function checkImportRows(rows: readonly ImportRowInput[]): ImportRowsCheck {
  const valid: ImportRowsCheck['valid'] = [];
  const issues: ImportIssue[] = [];
  const firstRowOfLogin = new Map<string, number>();
  rows.forEach((input, index) => {
    const row = index + 1;
    const { user, issues: rowIssues } = checkImportRow(input);
    issues.push(...rowIssues.map((issue) => ({ row, ...issue })));
    if (user === null) return;
    const key = user.login.toLowerCase();
    const first = firstRowOfLogin.get(key);
    if (first !== undefined) {
      issues.push({ row, field: 'login', code: 'duplicate_in_file', params: { row: first } });
      return;
    }
    firstRowOfLogin.set(key, row);
    valid.push({ row, user });
  });
  return { valid, issues };
}

// ---------------------------------------------------------------------------------------------
// Cells

/** One CSV cell, safe under "," and ";" splitting (formula starts neutralised, quoted where needed): see csv-cell.ts. */
export const encodeCsvCell = safeCsvCell;

/** Undoes the apostrophe encodeCsvCell puts before formula-looking text, so export -> import round-trips. */
export const decodeCsvCell = unprotectCsvCell;

export const csvLine = safeCsvLine;

/** Columns of the export; the first six are the import's, so an export can be edited and imported again. */
export const exportColumns = ['login', 'displayName', 'email', 'language', 'enabled', 'groups', 'isAdmin', 'status', 'lastLoginAt', 'createdAt'] as const;
