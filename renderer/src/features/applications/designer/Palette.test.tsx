// @vitest-environment jsdom
import '../../../test/setup-dom';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { controlKinds, type ControlKind } from '../../../../../common/domain/application-definition';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { DesignerDnd } from './DesignerDnd';
import { Palette } from './Palette';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

describe('palette', () => {
  it('offers every control kind in three groups, each with an icon and a name, and adds one with the keyboard', async () => {
    const added: ControlKind[] = [];
    renderWithProviders(
      <DesignerDnd>
        <Palette onAdd={(kind) => added.push(kind)} disabled={false} />
      </DesignerDnd>,
    );
    const offered = controlKinds.map((kind) => screen.getByTestId(`palette-${kind}`));
    expect(offered).toHaveLength(19);
    for (const button of offered) {
      expect(button.querySelector('svg')).not.toBeNull();
      expect(button.getAttribute('aria-label')).toMatch(/^Add .+ \(or drag it onto the page\)$/);
      expect(button.getAttribute('aria-label')).not.toContain('applications:');
    }
    expect(within(screen.getByTestId('palette-group-containers')).getAllByRole('button').map((button) => button.textContent)).toEqual(['Section', 'Tab set', 'Group box']);
    const user = userEvent.setup();
    screen.getByTestId('palette-table').focus();
    await user.keyboard('{Enter}');
    await user.tab();
    await user.keyboard(' ');
    expect(added).toEqual(['table', 'section']);
  });
});
