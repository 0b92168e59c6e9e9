import { describe, expect, it } from 'vitest';
import type { ApplicationRightsDoc, EffectiveRights, PrincipalRef } from '../../../../common/portal-api/rights';
import {
  compareEffective,
  draftOf,
  functionsDirty,
  isDirty,
  rightsForComparison,
  toSaveRequest,
  withDefault,
  withEntry,
  withFunction,
  withoutEntry,
} from './rights-draft';

const sales: PrincipalRef = { id: 's', kind: 'group', name: 'Vertrieb' };
const anna: PrincipalRef = { id: 'a', kind: 'user', name: 'Anna Berger', detail: 'anna.berger' };
const doc: ApplicationRightsDoc = {
  applicationId: 'crm',
  applicationName: 'CRM',
  defaultLevel: 'read',
  entries: [{ principal: sales, level: 'edit' }],
};

describe('rights draft', () => {
  it.each([
    ['unchanged', draftOf(doc), false],
    ['a new entry', withEntry(draftOf(doc), anna, 'read'), true],
    ['a changed level', withEntry(draftOf(doc), sales, 'manage'), true],
    ['a removed entry', withoutEntry(draftOf(doc), 's'), true],
    ['a changed default', withDefault(draftOf(doc), 'none'), true],
    ['a change undone', withEntry(withEntry(draftOf(doc), sales, 'manage'), sales, 'edit'), false],
  ])('%s is dirty: %s', (_name, draft, dirty) => {
    expect(isDirty(draft, doc)).toBe(dirty);
  });

  it('keeps one entry per principal and does not touch the saved document', () => {
    const draft = withEntry(withEntry(draftOf(doc), anna, 'read'), anna, 'edit');
    expect(draft.entries.map((e) => [e.principal.id, e.level])).toEqual([
      ['s', 'edit'],
      ['a', 'edit'],
    ]);
    expect(doc.entries).toHaveLength(1);
    expect(toSaveRequest('crm', '"v1"', draft)).toEqual({
      applicationId: 'crm',
      ifMatch: '"v1"',
      defaultLevel: 'read',
      entries: [
        { principalId: 's', level: 'edit' },
        { principalId: 'a', level: 'edit' },
      ],
    });
  });

  it('names rows for the conflict dialog', () => {
    const labels = { level: (l: string) => l.toUpperCase(), kind: (k: string) => k, defaultLevel: 'Default', entries: 'Entries' };
    expect(rightsForComparison(withEntry(draftOf(doc), anna, 'read'), labels)).toEqual({
      Default: 'READ',
      Entries: { 'Vertrieb (group)': 'EDIT', 'Anna Berger (user)': 'READ' },
    });
  });

  it('tracks function permission changes', () => {
    const saved = [
      { function: 'news' as const, members: 'add' as const, guests: 'read' as const },
      { function: 'calendar' as const, members: 'admins_only' as const, guests: 'none' as const },
    ];
    const changed = withFunction(saved, { function: 'news', members: 'add', guests: 'none' });
    expect(functionsDirty(changed, saved)).toBe(true);
    expect(functionsDirty(withFunction(changed, saved[0]!), saved)).toBe(false);
  });
});

describe('compareEffective', () => {
  const right = (applicationId: string, level: 'none' | 'read' | 'edit') => ({
    applicationId,
    applicationName: applicationId.toUpperCase(),
    level,
    source: 'entry' as const,
    winning: null,
  });
  const a: EffectiveRights = { principal: sales, applications: [right('crm', 'edit'), right('wiki', 'read')] };
  const b: EffectiveRights = { principal: anna, applications: [right('crm', 'edit'), right('wiki', 'none'), right('fleet', 'read')] };

  it('pairs applications and marks differing levels', () => {
    expect(compareEffective(a, b).map((row) => [row.applicationId, row.a?.level ?? null, row.b?.level ?? null, row.differs])).toEqual([
      ['crm', 'edit', 'edit', false],
      ['wiki', 'read', 'none', true],
      ['fleet', null, 'read', true],
    ]);
  });
});
