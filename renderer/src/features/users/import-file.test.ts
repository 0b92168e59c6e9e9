import { describe, expect, it } from 'vitest';
import { parseImportCsv } from './import-file';

describe('parseImportCsv', () => {
  it('reads comma-separated UTF-8 with a byte order mark and German headers', () => {
    const parsed = parseImportCsv('\uFEFFBenutzername,Anzeigename,E-Mail,Gruppen\r\njörg.weiß,Jörg Weiß,jw@muster.de,"Vertrieb; IT"\r\n');
    expect(parsed).toMatchObject({
      ok: true,
      rows: [{ login: 'jörg.weiß', displayName: 'Jörg Weiß', email: 'jw@muster.de', groups: 'Vertrieb; IT', language: '', enabled: '' }],
      malformedRows: [],
    });
  });

  it('reads semicolon-separated files as German Excel writes them, skipping blank lines', () => {
    const parsed = parseImportCsv('login;displayName;language\nanna.koch;Anna Koch;en\n\n;;\nbernd.bauer;Bernd Bauer;de\n');
    expect(parsed.ok && parsed.rows.map((row) => [row.login, row.language])).toEqual([
      ['anna.koch', 'en'],
      ['bernd.bauer', 'de'],
    ]);
  });

  it('undoes the formula protection of an export', () => {
    const parsed = parseImportCsv(`login,displayName\nx.y,"'=Chef"\n`);
    expect(parsed.ok && parsed.rows[0]?.displayName).toBe('=Chef');
  });

  it.each([
    ['', 'empty'],
    ['login,displayName\n', 'empty'],
    ['email,name\na@b.de,A\n', 'missing_columns'],
  ])('refuses %j as %s', (text, problem) => {
    expect(parseImportCsv(text)).toMatchObject({ ok: false, problem });
  });

  it('reports rows with too many fields by their number', () => {
    const parsed = parseImportCsv('login,displayName\na.a,A\nb.b,B,extra\n');
    expect(parsed.ok && parsed.malformedRows).toEqual([2]);
  });
});
