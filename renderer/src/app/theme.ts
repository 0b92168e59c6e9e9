import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Keyboard users always see where focus is; mouse clicks do not leave rings behind.
  focusRing: 'auto',
  defaultRadius: 'sm',
  components: {
    Modal: { defaultProps: { closeOnEscape: true, trapFocus: true, returnFocus: true } },
  },
});
