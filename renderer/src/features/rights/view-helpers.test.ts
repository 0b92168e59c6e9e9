import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../../common/errors';
import { cycleOf } from './ChangeError';
import { treeRows } from './OrgStructureTab';

describe('cycleOf', () => {
  it.each([
    [
      'a membership cycle',
      new ConsoleError('CONFLICT', 'cycle', {
        problemCode: 'membership_cycle',
        cycle: [
          { id: 'a', kind: 'group', name: 'Alle' },
          { id: 'v', kind: 'group', name: 'Vertrieb' },
          { id: 'a', kind: 'group', name: 'Alle' },
        ],
      }),
      { code: 'membership_cycle', names: ['Alle', 'Vertrieb', 'Alle'] },
    ],
    [
      'an org unit cycle with unknown kinds shown as groups',
      new ConsoleError('CONFLICT', 'cycle', { problemCode: 'org_unit_cycle', cycle: [{ id: 'x', kind: 'org_unit', name: 'Werk' }] }),
      { code: 'org_unit_cycle', names: ['Werk'] },
    ],
    ['another conflict', new ConsoleError('CONFLICT', 'taken', { problemCode: 'name_taken' }), null],
    ['a 412', new ConsoleError('PRECONDITION_FAILED', 'stale', { cycle: [] }), null],
  ])('%s', (_name, error, expected) => {
    const found = cycleOf(error);
    expect(found === null ? null : { code: found.code, names: found.cycle.map((step) => step.name) }).toEqual(expected);
    if (found) expect(found.cycle.every((step) => ['user', 'group', 'role', 'distribution_list'].includes(step.kind))).toBe(true);
  });
});

describe('treeRows', () => {
  const unit = (id: string, parentId: string | null) => ({
    etag: `"${id}.v1"`,
    value: { id, parentId, kind: 'org_unit' as const, name: id, description: '', userCount: 0, principalCount: 0, childCount: 0 },
  });

  it('gives each unit its depth below the top level', () => {
    const rows = treeRows([unit('root', null), unit('sales', 'root'), unit('south', 'sales'), unit('it', 'root'), unit('other', null)]);
    expect(rows.map((row) => [row.unit.value.id, row.depth])).toEqual([
      ['root', 0],
      ['sales', 1],
      ['south', 2],
      ['it', 1],
      ['other', 0],
    ]);
  });
});
