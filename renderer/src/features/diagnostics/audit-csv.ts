import type { AuditListRequest } from '../../../../common/contract';
import type { AuditEntry } from '../../../../common/portal-api/audit';
import { safeCsvLine } from '../../../../common/domain/csv-cell';
import { callConsole } from '../../lib/console-client';
import { actorOf, auditSentence, targetOf } from './audit-sentences';

/** An export reads at most this many entries (the file says when it stopped there). */
export const AUDIT_EXPORT_MAX = 50_000;
const EXPORT_PAGE = 500;

const HEADERS = {
  de: ['Zeit (UTC)', 'Wer', 'Anmeldename', 'Was geschah', 'Aktion', 'Zieltyp', 'Ziel', 'Ziel-ID'],
  en: ['Time (UTC)', 'Who', 'Login', 'What happened', 'Action', 'Target type', 'Target', 'Target id'],
};

/** The entries as CSV in `language`: one sentence per entry beside the raw key and ids; cells safe for spreadsheets. */
export function auditCsv(entries: readonly AuditEntry[], language: string): string {
  const lang = language.startsWith('de') ? 'de' : 'en';
  const lines = [safeCsvLine(HEADERS[lang])];
  for (const entry of entries) {
    lines.push(
      safeCsvLine([
        entry.at,
        actorOf(entry, lang),
        entry.actorLogin,
        auditSentence(entry, lang),
        entry.action,
        entry.targetType,
        entry.targetId === null ? null : targetOf(entry),
        entry.targetId,
      ]),
    );
  }
  return `\uFEFF${lines.join('')}`;
}

/** Every entry the filters find (newest first), read page by page up to AUDIT_EXPORT_MAX. */
export async function readAllAudit(filters: Omit<AuditListRequest, 'cursor' | 'limit'>): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await callConsole('audit:list', { ...filters, limit: EXPORT_PAGE, ...(cursor === undefined ? {} : { cursor }) });
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && entries.length < AUDIT_EXPORT_MAX);
  return entries.slice(0, AUDIT_EXPORT_MAX);
}
