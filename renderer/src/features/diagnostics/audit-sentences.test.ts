import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../common/portal-api/audit';
import { auditSentence, auditSentences } from './audit-sentences';

const PORTAL = join(__dirname, '../../../../portal');
/** Dotted literals in the portal that are not audit actions. */
const NOT_ACTIONS = new Set(['portal.log']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'demo' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'test-support.ts' ? [path] : [];
  });
}

/**
 * Every action key the portal writes: the dotted literals after `action` (`action: 'user.create'`, ternaries),
 * and, to catch helpers that take the action as an argument, every dotted literal whose first part is one of those.
 */
function portalActionKeys(): Map<string, string> {
  const files = sourceFiles(PORTAL).map((path) => ({ path: relative(PORTAL, path), text: readFileSync(path, 'utf8') }));
  const keys = new Map<string, string>();
  for (const { path, text } of files) {
    for (const match of text.matchAll(/action\w*\s*[:=(]\s*([^;\n]{0,160})/gi)) {
      for (const literal of match[1]!.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) keys.set(literal[1]!, path);
    }
  }
  const heads = new Set([...keys.keys()].map((key) => key.split('.')[0]));
  for (const { path, text } of files) {
    for (const literal of text.matchAll(/['`]([a-z_]+(?:\.[a-z_]+)+)['`]/g)) {
      if (heads.has(literal[1]!.split('.')[0])) keys.set(literal[1]!, path);
    }
  }
  for (const key of NOT_ACTIONS) keys.delete(key);
  return keys;
}

const entry = (action: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id: '1',
  at: '2027-06-02T08:15:00.000Z',
  actorId: 'a',
  actorLogin: 'admin',
  actorName: 'Anna Admin',
  action,
  targetType: 'user',
  targetId: '0195f3a1-0000-7000-8000-000000000001',
  targetName: 'Erika Muster',
  before: null,
  after: null,
  ...extra,
});

describe('audit sentences', () => {
  const keys = portalActionKeys();

  it('finds the portal’s action keys (the scan itself works)', () => {
    expect(keys.size).toBeGreaterThan(60);
    expect(keys.get('user.create')).toBeDefined();
    expect(keys.get('backup.restore')).toBe('instance/backups.ts');
  });

  it.each(['de', 'en'] as const)('has a %s sentence for every action key the portal writes', (language) => {
    const missing = [...keys].filter(([key]) => auditSentences[language][key] === undefined).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('reads an entry as a sentence with names, in German and English', () => {
    expect(auditSentence(entry('user.delete'), 'de')).toBe('Anna Admin hat den Benutzer Erika Muster gelöscht');
    expect(auditSentence(entry('user.delete'), 'en')).toBe('Anna Admin deleted the user Erika Muster');
  });

  it('falls back to the login, the id and the key where names or a sentence are missing', () => {
    const bare = entry('user.update', { actorName: null, targetName: null });
    expect(auditSentence(bare, 'en')).toBe('admin changed the user 0195f3a1-0000-7000-8000-000000000001');
    expect(auditSentence(entry('directory.user.start', { actorName: null, actorLogin: null }), 'de')).toBe('Jemand: directory.user.start an Erika Muster');
  });
});
