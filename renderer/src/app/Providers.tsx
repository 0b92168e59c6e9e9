import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { HashRouter } from 'react-router';
import { i18n } from '../lib/i18n';
import { createQueryClient } from './query-client';
import { theme } from './theme';

/** Electron loads the renderer from file://, so routing lives in the URL hash. */
export function Providers({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <Notifications position="top-right" />
        <QueryClientProvider client={client}>
          <HashRouter>{children}</HashRouter>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
