import { describe, expect, it } from 'vitest';
import { auditDiff } from './audit-diff';

const summary = (before: unknown, after: unknown) =>
  auditDiff(before, after).map((row) => [row.path, row.inMine ? row.mine : '∅', row.inTheirs ? row.theirs : '∅', row.differs]);

describe('auditDiff', () => {
  it.each<[string, unknown, unknown, unknown[]]>([
    ['nothing on either side', null, null, []],
    ['created: every field is new', null, { login: 'mia', enabled: true }, [['login', '∅', 'mia', true], ['enabled', '∅', true, true]]],
    ['deleted: every field is gone', { login: 'mia' }, null, [['login', 'mia', '∅', true]]],
    [
      'updated: unchanged fields stay, changed ones are marked',
      { displayName: 'Mia', groups: ['IT'], enabled: true },
      { displayName: 'Mia Maier', groups: ['IT', 'Vertrieb'], enabled: true },
      [
        ['displayName', 'Mia', 'Mia Maier', true],
        ['groups[0]', 'IT', 'IT', false],
        ['enabled', true, true, false],
        ['groups[1]', '∅', 'Vertrieb', true],
      ],
    ],
    ['nested objects become dotted paths', { policy: { minLength: 8 } }, { policy: { minLength: 12 } }, [['policy.minLength', 8, 12, true]]],
    ['a field set to null differs from a missing one', { note: null }, {}, [['note', null, '∅', true]]],
    ['scalar values', 'silent', 'steady', [['', 'silent', 'steady', true]]],
  ])('%s', (_why, before, after, expected) => {
    expect(summary(before, after)).toEqual(expected);
  });
});
