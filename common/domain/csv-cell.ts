/**
 * CSV cells that stay text in a spreadsheet whether it splits lines on "," or on ";" (German Excel).
 * OWASP's advice on CSV injection: put an apostrophe before a cell that starts with = + - @ tab or CR,
 * quote cells, and double their quotes. Because a program that splits on the other separator starts a
 * new cell after every "," or ";" inside our text, the same apostrophe also goes after such a separator
 * when a formula character follows it (`x;=HYPERLINK(...)` is written `"x;'=HYPERLINK(...)"`). Cells
 * with a separator, quote, tab or line break are quoted; plain words and numbers stay bare, which
 * every reader takes as the same text (the tests read each export with both separators).
 */
export type CsvValue = string | number | boolean | null | undefined;

export const CSV_FORMULA_START = /^[=+\-@\t\r]/u;
const FORMULA_AFTER_SEPARATOR = /([,;][ "]*)(?=[=+\-@\t\r])/gu;

const NEEDS_QUOTES = /[",;\t\r\n]/u;

export function safeCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (CSV_FORMULA_START.test(text)) text = `'${text}`;
  text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** One CSV line (CRLF) of safe cells. */
export function safeCsvLine(values: readonly CsvValue[]): string {
  return `${values.map(safeCsvCell).join(',')}\r\n`;
}

/** Undoes the leading apostrophe safeCsvCell puts before formula-looking text (export -> import round trip). */
export function unprotectCsvCell(value: string): string {
  return value.startsWith("'") && CSV_FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * Splits CSV text as a spreadsheet program does with the given separator: a cell that starts with a
 * quote runs to its closing quote ("" is a quote), anything after it up to the separator is appended
 * as is; other cells run to the separator. Used by tests to read exports the way Excel would.
 */
export function splitCsvLikeASpreadsheet(text: string, separator: ',' | ';'): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/u, '').split(/\r\n/u)) {
    if (line === '') continue;
    const cells: string[] = [];
    let index = 0;
    while (index <= line.length) {
      let cell = '';
      if (line[index] === '"') {
        index += 1;
        while (index < line.length) {
          if (line[index] === '"' && line[index + 1] === '"') {
            cell += '"';
            index += 2;
          } else if (line[index] === '"') {
            index += 1;
            break;
          } else {
            cell += line[index];
            index += 1;
          }
        }
      }
      const end = line.indexOf(separator, index);
      const stop = end < 0 ? line.length : end;
      cell += line.slice(index, stop);
      cells.push(cell);
      index = stop + 1;
    }
    rows.push(cells);
  }
  return rows;
}
