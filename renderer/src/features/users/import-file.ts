import Papa from 'papaparse';
import { mapImportHeaders, toImportRow, type HeaderMapping } from '../../../../common/domain/user-import';
import { IMPORT_MAX_ROWS, type ImportRowInput } from '../../../../common/portal-api/users';

export type ParsedImport =
  | { ok: true; rows: Required<ImportRowInput>[]; mapping: HeaderMapping; malformedRows: number[] }
  | { ok: false; problem: 'empty' | 'missing_columns' | 'too_many_rows'; mapping?: HeaderMapping; rows?: number };

/**
 * Reads a CSV file's text: comma or semicolon (German Excel) separated, with a header row, UTF-8 with
 * or without byte order mark. Rows the parser could not split cleanly are reported by their number.
 */
export function parseImportCsv(text: string): ParsedImport {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/u, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
  });
  const headers = parsed.meta.fields ?? [];
  if (headers.length === 0 || parsed.data.length === 0) return { ok: false, problem: 'empty' };
  const mapping = mapImportHeaders(headers);
  if (mapping.missing.length > 0) return { ok: false, problem: 'missing_columns', mapping };
  if (parsed.data.length > IMPORT_MAX_ROWS) return { ok: false, problem: 'too_many_rows', rows: parsed.data.length };
  const malformedRows = [...new Set(parsed.errors.map((error) => (error.row ?? -1) + 1).filter((row) => row > 0))];
  return { ok: true, rows: parsed.data.map((record) => toImportRow(record, mapping)), mapping, malformedRows };
}
