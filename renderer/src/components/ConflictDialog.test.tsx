// @vitest-environment jsdom
import '../test/setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n } from '../lib/i18n';
import { renderWithProviders } from '../test/render';
import { ConflictDialog } from './ConflictDialog';
import { diffRows } from './conflict-diff';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

describe('diffRows', () => {
  it.each([
    ['equal objects', { a: 1, b: 'x' }, { a: 1, b: 'x' }, []],
    ['a changed leaf', { a: 1, b: 'x' }, { a: 2, b: 'x' }, ['a']],
    ['nested leaves', { p: { min: 8, max: 64 } }, { p: { min: 12, max: 64 } }, ['p.min']],
    ['a field only in theirs', { a: 1 }, { a: 1, b: true }, ['b']],
    ['a field only in mine', { a: 1, c: null }, { a: 1 }, ['c']],
    ['array elements', { tags: ['a', 'b'] }, { tags: ['a', 'c', 'd'] }, ['tags[1]', 'tags[2]']],
    ['null against a value', { lockedUntil: null }, { lockedUntil: '2026-01-01' }, ['lockedUntil']],
    ['0 against false', { n: 0 }, { n: false }, ['n']],
    ['empty array against a filled one', { areas: [] }, { areas: ['x'] }, ['areas', 'areas[0]']],
  ])('%s', (_label, mine, theirs, differing) => {
    expect(
      diffRows(mine, theirs)
        .filter((row) => row.differs)
        .map((row) => row.path),
    ).toEqual(differing);
  });
});

describe('ConflictDialog', () => {
  const mine = { name: 'Sales', description: 'Quarterly numbers', settings: { public: true, maxMembers: 50 } };
  const theirs = { name: 'Sales', description: 'Numbers per quarter', settings: { public: true, maxMembers: 80 }, owner: 'kim' };

  function renderDialog() {
    const handlers = { onKeepMine: vi.fn(), onTakeTheirs: vi.fn(), onCancel: vi.fn() };
    renderWithProviders(
      <ConflictDialog mine={mine} theirs={theirs} labels={{ fields: { 'settings.maxMembers': 'Maximum members' } }} {...handlers} />,
    );
    return handlers;
  }

  it('shows both versions side by side and highlights exactly the differing fields', () => {
    renderDialog();
    const dialog = screen.getByRole('dialog');
    const differs = (path: string) => within(dialog).getByTestId(`conflict-row-${path}`).getAttribute('data-differs');
    expect(differs('name')).toBe('false');
    expect(differs('settings.public')).toBe('false');
    expect(differs('description')).toBe('true');
    expect(differs('settings.maxMembers')).toBe('true');
    expect(differs('owner')).toBe('true');
    expect(within(dialog).getByTestId('conflict-count').textContent).toBe('3 fields differ');

    const row = within(dialog).getByTestId('conflict-row-description');
    expect(within(row).getByText('Quarterly numbers')).toBeTruthy();
    expect(within(row).getByText('Numbers per quarter')).toBeTruthy();
    expect(within(dialog).getByTestId('conflict-row-settings.maxMembers').textContent).toContain('Maximum members');
    expect(within(within(dialog).getByTestId('conflict-row-owner')).getByText('(not present)')).toBeTruthy();
  });

  it('reports the choice: keep mine, take theirs, cancel', () => {
    const handlers = renderDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Save my version' }));
    fireEvent.click(screen.getByRole('button', { name: 'Take the current version' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(handlers.onKeepMine).toHaveBeenCalledTimes(1);
    expect(handlers.onTakeTheirs).toHaveBeenCalledTimes(1);
    expect(handlers.onCancel).toHaveBeenCalledTimes(1);
  });

  it('closes with Escape through onCancel', () => {
    const handlers = renderDialog();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(handlers.onCancel).toHaveBeenCalled();
  });
});
