import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router';
import { i18n } from '../lib/i18n';
import { useDialogFocusReturn } from './dialog-focus-return';
import { createQueryClient } from './query-client';
import { consoleTheme, cssVariablesResolver } from './theme';

/** Electron loads the renderer from file://, so routing lives in the URL hash. */
export function Providers({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <ThemedMantineProvider>
        {/* Bottom right: at the top they covered the language switch and the user menu. */}
        <Notifications position="bottom-right" />
        <QueryClientProvider client={client}>
          <HashRouter>{children}</HashRouter>
        </QueryClientProvider>
      </ThemedMantineProvider>
    </I18nextProvider>
  );
}

/** Mantine with the console's theme; the labels Mantine draws itself follow the language. */
/**
 * The theme's CSS variables (the accessible colours) must win over the defaults in Mantine's stylesheet. Both used
 * `:root`, so the later one won: the stylesheet stands at the end of the body since the start-up shell paints
 * first, after the provider's style element in #root, and Mantine's default colours came back (3.16:1 nav links,
 * 3.32:1 dimmed text in the accessibility e2e). `:root:root` wins by specificity, wherever the stylesheet stands.
 */
export const CSS_VARIABLES_SELECTOR = ':root:root';

function ThemedMantineProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  useDialogFocusReturn();
  // t changes with the language, and so do the labels.
  const theme = useMemo(
    () =>
      consoleTheme({
        close: t('common:actions.close'),
        saturation: t('common:colorPicker.saturation'),
        hue: t('common:colorPicker.hue'),
        alpha: t('common:colorPicker.alpha'),
        eyeDropper: t('common:colorPicker.eyeDropper'),
      }),
    [t],
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} cssVariablesSelector={CSS_VARIABLES_SELECTOR}>
      {children}
    </MantineProvider>
  );
}
