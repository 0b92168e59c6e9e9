// @vitest-environment jsdom
import '../../../test/setup-dom';
import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { ids, v1, v2 } from './version-fixtures';
import { VersionDiff } from './VersionDiff';

const labels = { before: 'Version 1', after: 'Version 2' };

describe('VersionDiff', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('en');
  });

  it('puts the counts on top, each pluralised on its own, and leaves out kinds without changes', () => {
    renderWithProviders(<VersionDiff before={v1} after={v2} labels={labels} />);
    const summary = screen.getByTestId('diff-summary');
    expect(within(summary).getByText('6 changes from Version 1 to Version 2')).toBeTruthy();
    expect(screen.getByTestId('diff-summary-field').textContent).toBe('Fields: 1 added, 1 removed, 2 changed');
    expect(screen.getByTestId('diff-summary-page').textContent).toBe('Pages: 1 added');
    expect(screen.getByTestId('diff-summary-control').textContent).toBe('Controls: 1 changed');
    expect(screen.queryByTestId('diff-summary-dataGroup')).toBeNull();
    expect(screen.queryByTestId('diff-section-dataGroup')).toBeNull();
  });

  it('groups the changes by kind under headings, each marked added, removed or changed with its place', () => {
    renderWithProviders(<VersionDiff before={v1} after={v2} labels={labels} />);
    expect(screen.getByRole('heading', { name: 'Fields (4)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Pages (1)' })).toBeTruthy();
    const removed = screen.getByTestId(`diff-field-removed-${ids.NOTES}`);
    expect(removed.textContent).toContain('removed');
    expect(removed.textContent).toContain('Notizen');
    expect(removed.textContent).toContain('in Kunden');
    expect(screen.getByTestId(`diff-field-added-${ids.PHONE}`).textContent).toContain('Telefon');
    expect(screen.getByTestId(`diff-page-added-${ids.LIST}`).textContent).toContain('Kundenliste');
  });

  it('shows every changed property before → after, types and kinds in words', () => {
    renderWithProviders(<VersionDiff before={v1} after={v2} labels={labels} />);
    const retyped = within(screen.getByTestId(`diff-field-changed-${ids.SIZE}`));
    const type = retyped.getByTestId('diff-property-type');
    expect(within(type).getByText('Type')).toBeTruthy();
    expect(within(type).getByRole('deletion').textContent).toBe('Text');
    expect(within(type).getByRole('insertion').textContent).toBe(i18n.t('applications:types.integer', { defaultValue: 'integer' }));
    const renamed = within(screen.getByTestId(`diff-field-changed-${ids.NAME}`)).getByTestId('diff-property-name');
    expect(renamed.textContent).toBe('NameName→ Firmenname');
    const control = within(screen.getByTestId(`diff-control-changed-${ids.CONTROL}`));
    expect(control.getByTestId('diff-property-label').textContent).toBe('LabelName→ Firmenname');
    expect(control.getByTestId('diff-property-w').textContent).toBe('Width6→ 8');
    expect(control.getByText('on Kunde bearbeiten')).toBeTruthy();
  });

  it('says so when nothing changed', () => {
    renderWithProviders(<VersionDiff before={v2} after={v2} labels={labels} />);
    expect(screen.getByText('No changes from Version 1 to Version 2')).toBeTruthy();
    expect(screen.getByTestId('version-diff').getAttribute('data-total')).toBe('0');
  });

  it('reads in German too', async () => {
    await i18n.changeLanguage('de');
    try {
      renderWithProviders(<VersionDiff before={v1} after={v2} labels={{ before: 'Version 1', after: 'Version 2' }} />);
      expect(screen.getByText('6 Änderungen von Version 1 zu Version 2')).toBeTruthy();
      expect(screen.getByTestId('diff-summary-field').textContent).toBe('Datenfelder: 1 hinzugefügt, 1 entfernt, 2 geändert');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
