import { describe, expect, it } from 'vitest';
import {
  checkImportRow,
  checkImportRows,
  csvLine,
  decodeCsvCell,
  encodeCsvCell,
  importFieldOf,
  mapImportHeaders,
  splitGroups,
  toImportRow,
} from './user-import';

describe('importFieldOf', () => {
  it.each([
    ['login', 'login'],
    ['Benutzername', 'login'],
    ['User Name', 'login'],
    ['displayName', 'displayName'],
    ['Anzeigename', 'displayName'],
    ['display_name', 'displayName'],
    ['E-Mail', 'email'],
    ['E-Mail-Adresse', 'email'],
    ['Sprache', 'language'],
    ['Aktiv', 'enabled'],
    ['Gruppen', 'groups'],
    ['Abteilung', null],
    ['', null],
  ])('%j -> %s', (header, field) => {
    expect(importFieldOf(header)).toBe(field);
  });
});

describe('mapImportHeaders', () => {
  it('maps known headers, lists ignored and duplicate ones and the missing required fields', () => {
    expect(mapImportHeaders(['E-Mail', 'Name', 'Abteilung', 'Mail'])).toEqual({
      columns: { 'E-Mail': 'email', Name: 'displayName' },
      ignored: ['Abteilung'],
      duplicates: ['Mail'],
      missing: ['login'],
    });
  });

  it('turns a parsed record into a row, undoing formula protection and ignoring unknown columns', () => {
    const mapping = mapImportHeaders(['Benutzername', 'Anzeigename', 'Notiz']);
    expect(toImportRow({ Benutzername: 'k.koch', Anzeigename: "'=Chef", Notiz: 'x' }, mapping)).toEqual({
      login: 'k.koch',
      displayName: '=Chef',
      email: '',
      language: '',
      enabled: '',
      groups: '',
    });
  });
});

describe('splitGroups', () => {
  it.each([
    ['', []],
    ['Vertrieb', ['Vertrieb']],
    ['Vertrieb; IT |Einkauf', ['Vertrieb', 'IT', 'Einkauf']],
    ['IT;it; ;IT', ['IT']],
  ])('%j', (cell, expected) => {
    expect(splitGroups(cell)).toEqual(expected);
  });
});

describe('checkImportRow', () => {
  const base = { login: 'anna.koch', displayName: 'Anna Koch', email: '', language: '', enabled: '', groups: '' };

  it('fills defaults: German, enabled, no e-mail', () => {
    expect(checkImportRow(base)).toEqual({
      user: { login: 'anna.koch', displayName: 'Anna Koch', email: null, language: 'de', enabled: true, groups: [] },
      issues: [],
    });
  });

  it.each([
    ['enabled', 'nein', { enabled: false }],
    ['enabled', 'FALSE', { enabled: false }],
    ['enabled', 'ja', { enabled: true }],
    ['language', 'English', { language: 'en' }],
    ['language', 'DE', { language: 'de' }],
    ['email', ' anna@koch.de ', { email: 'anna@koch.de' }],
    ['login', '  jörg.weiß ', { login: 'jörg.weiß' }],
  ])('reads %s %j', (field, value, expected) => {
    expect(checkImportRow({ ...base, [field]: value }).user).toMatchObject(expected);
  });

  it.each([
    ['login', '', 'required'],
    ['login', 'a', 'too_short'],
    ['login', 'anna koch', 'invalid_login'],
    ['login', 'x'.repeat(101), 'too_long'],
    ['displayName', '   ', 'required'],
    ['email', 'anna@', 'invalid_email'],
    ['email', 'anna koch@x.de', 'invalid_email'],
    ['language', 'fr', 'invalid_language'],
    ['enabled', 'vielleicht', 'invalid_boolean'],
  ])('rejects %s %j as %s', (field, value, code) => {
    const result = checkImportRow({ ...base, [field]: value });
    expect(result.user).toBeNull();
    expect(result.issues).toContainEqual(expect.objectContaining({ field, code }));
  });
});

describe('checkImportRows', () => {
  it('numbers rows from 1 and rejects later duplicates of a login, case-insensitively', () => {
    const result = checkImportRows([
      { login: 'a.b', displayName: 'A' },
      { login: 'bad login', displayName: 'B' },
      { login: 'A.B', displayName: 'A again' },
      { login: 'c.d', displayName: 'C' },
    ]);
    expect(result.valid.map((entry) => [entry.row, entry.user.login])).toEqual([
      [1, 'a.b'],
      [4, 'c.d'],
    ]);
    expect(result.issues).toEqual([
      { row: 2, field: 'login', code: 'invalid_login' },
      { row: 3, field: 'login', code: 'duplicate_in_file', params: { row: 1 } },
    ]);
  });
});

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['with,comma', '"with,comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+49 711 123', "'+49 711 123"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])('encodes %j as %s', (value, encoded) => {
    expect(encodeCsvCell(value)).toBe(encoded);
  });

  it('writes null as empty and booleans as words; lines end in CRLF', () => {
    expect(csvLine(['a', null, true, 3])).toBe('a,,true,3\r\n');
  });

  it.each(['=SUM(A1)', '+1', 'normal', "'quoted text", "it's"])('decodes what it encodes: %j', (value) => {
    const encoded = encodeCsvCell(value);
    const unquoted = encoded.startsWith('"') ? encoded.slice(1, -1).replace(/""/g, '"') : encoded;
    expect(decodeCsvCell(unquoted)).toBe(value);
  });
});
