import {
  applicationFileProblemCodes,
  APPLICATION_FILE_MAX_CHARS,
  parseApplicationFile,
  type ApplicationFile,
  type ApplicationFileProblemCode,
} from '../../../../../common/domain/application-file';
import type { ApplicationImportPreview } from '../../../../../common/portal-api/application-transfer';

export interface FileProblem {
  code: ApplicationFileProblemCode | 'tooLarge';
  params: Record<string, string | number>;
}

export type CheckedFile = { ok: true; file: ApplicationFile; text: string } | { ok: false; problem: FileProblem };

const MiB = 1024 * 1024;

/** The console's own check of a chosen file, before anything reaches the portal (the portal checks again). */
export function checkChosenFile(size: number, text: string | null): CheckedFile {
  if (size > APPLICATION_FILE_MAX_CHARS || text === null) {
    return { ok: false, problem: { code: 'tooLarge', params: { size: (size / MiB).toFixed(1), limit: APPLICATION_FILE_MAX_CHARS / MiB } } };
  }
  const parsed = parseApplicationFile(text);
  return parsed.ok ? { ok: true, file: parsed.file, text } : { ok: false, problem: { code: parsed.problem.code, params: parsed.problem.params } };
}

/** A portal refusal of the file itself (422 `application_file_<code>`) reads like the console's own check. */
export function fileProblemOfCode(problemCode: unknown): FileProblem | null {
  if (typeof problemCode !== 'string' || !problemCode.startsWith('application_file_')) return null;
  const code = problemCode.slice('application_file_'.length);
  return (applicationFileProblemCodes as readonly string[]).includes(code) ? { code: code as ApplicationFileProblemCode, params: {} } : null;
}

export type ChangeKind = 'added' | 'changed' | 'removed';

/** Created / changed / removed counts over every data group, field, page and control. */
export function changeTotals(preview: ApplicationImportPreview): Record<ChangeKind, number> {
  const totals = { added: 0, changed: 0, removed: 0 };
  for (const entity of ['dataGroup', 'field', 'page', 'control'] as const) {
    for (const kind of ['added', 'changed', 'removed'] as const) totals[kind] += preview.summary[entity][kind];
  }
  return totals;
}

/** Whether the import would change anything at all (a new application always does). */
export function importChangesSomething(preview: ApplicationImportPreview): boolean {
  return preview.target.action === 'create' || preview.definitionChanged || preview.descriptionChanged || preview.rights.changed;
}
