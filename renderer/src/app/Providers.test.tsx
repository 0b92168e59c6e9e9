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
});
