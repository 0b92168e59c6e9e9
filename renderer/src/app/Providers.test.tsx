// @vitest-environment jsdom
import '../test/setup-dom';
import { Modal } from '@mantine/core';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../lib/i18n';
import { testQueryClient } from '../test/render';
import { Providers } from './Providers';

afterEach(async () => {
  await act(() => i18n.changeLanguage('en'));
});

describe('Providers', () => {
  it("names the dialog's close button in the current language", async () => {
    await act(() => i18n.changeLanguage('en'));
    render(
      <Providers queryClient={testQueryClient()}>
        <Modal opened onClose={() => undefined} title="Dialog">
          Body
        </Modal>
      </Providers>,
    );
    expect(await screen.findByRole('button', { name: 'Close' })).toBeTruthy();
    await act(() => i18n.changeLanguage('de'));
    expect(await screen.findByRole('button', { name: 'Schließen' })).toBeTruthy();
  });

  it("gives the theme's colours a selector that beats Mantine's stylesheet defaults wherever that stylesheet stands", () => {
    const { container } = render(<Providers queryClient={testQueryClient()}>Body</Providers>);
    const css = [...container.querySelectorAll('style[data-mantine-styles]')].map((style) => style.textContent ?? '').join('\n');
    // Mantine's stylesheet sets its defaults on `:root` and `:root[data-mantine-color-scheme='light']`.
    expect(css).toMatch(/:root:root\[data-mantine-color-scheme="light"\]\{[^}]*--mantine-color-dimmed:/);
    expect(css).not.toMatch(/(^|[\s,}]):root\{/);
  });
});
