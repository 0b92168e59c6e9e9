import { createTheme, mergeThemeOverrides, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';
import './theme.css';

/**
 * Mantine's palettes with shades 6 to 9 darkened (same hue and saturation) until shade 6, which Mantine uses
 * for filled backgrounds, light-variant text, outlines, links, coloured text and the focus ring, reaches
 * 4.5:1 against white, against its own light tint and against gray.1. Shades 0-5 (tints) stay as they are.
 * Dimmed text is gray.6. theme.test.ts checks every pair with the layout designer's contrast check.
 */
export const accessibleColors = {
  gray: ['#f8f9fa', '#f1f3f5', '#e9ecef', '#dee2e6', '#ced4da', '#adb5bd', '#60686f', '#575e64', '#4d5359', '#44494e'],
  blue: ['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#1468b2', '#125e9f', '#10538d', '#0e487b'],
  teal: ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#0b7253', '#096046', '#084d38', '#063b2b'],
  green: ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#267434', '#21642d', '#1c5526', '#17461f'],
  red: ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#c70606', '#b30505', '#9f0505', '#8b0404'],
  orange: ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#a44c01', '#904201', '#7c3901', '#683001'],
  yellow: ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#875f03', '#735102', '#5f4302', '#4b3501'],
  grape: ['#f8f0fc', '#f3d9fa', '#eebefa', '#e599f7', '#da77f2', '#cc5de8', '#a126c0', '#9323af', '#84209e', '#761c8d'],
  violet: ['#f3f0ff', '#e5dbff', '#d0bfff', '#b197fc', '#9775fa', '#845ef7', '#6c3ff1', '#5e2cef', '#4f19ee', '#4611e2'],
  cyan: ['#e3fafc', '#c5f6fa', '#99e9f2', '#66d9e8', '#3bc9db', '#22b8cf', '#0e717f', '#0c606c', '#0a505a', '#084048'],
  indigo: ['#edf2ff', '#dbe4ff', '#bac8ff', '#91a7ff', '#748ffc', '#5c7cfa', '#2a53f3', '#1743f2', '#0d39e8', '#0c34d4'],
  lime: ['#f4fce3', '#e9fac8', '#d8f5a2', '#c0eb75', '#a9e34b', '#94d82d', '#4a7211', '#3f610e', '#334f0c', '#283d09'],
  pink: ['#fff0f6', '#ffdeeb', '#fcc2d7', '#faa2c1', '#f783ac', '#f06595', '#c01a55', '#ae184d', '#9d1645', '#8b133d'],
} satisfies Record<string, MantineColorsTuple>;

/**
 * Light-scheme colours beyond the palettes: placeholders are text (4.5:1; Mantine's gray.5 has 2.07:1),
 * borders of form controls are UI parts (3:1; Mantine's gray.4 has 1.5:1).
 */
export const lightSchemeColors = {
  '--mantine-color-placeholder': '#6b737a',
  '--console-control-border': '#868e96',
};

export const cssVariablesResolver: CSSVariablesResolver = () => ({ variables: {}, light: lightSchemeColors, dark: {} });

/** The shade Mantine takes for filled, light-variant text, outline, link and focus-ring colours (light scheme). */
export const PRIMARY_SHADE = 6;

export const theme = createTheme({
  colors: accessibleColors,
  primaryColor: 'blue',
  primaryShade: { light: PRIMARY_SHADE, dark: 8 },
  // Keyboard users always see where focus is; mouse clicks do not leave rings behind.
  focusRing: 'auto',
  respectReducedMotion: true,
  defaultRadius: 'sm',
  components: {
    Modal: { defaultProps: { closeOnEscape: true, trapFocus: true, returnFocus: true } },
    // Inside the navbar's scroll area an outer ring would be cut off at the sides.
    NavLink: { styles: { root: { outlineOffset: '-2px' } } },
  },
});

/** Names for the icon-only buttons Mantine draws itself (the × of dialogs, drawers, alerts, notifications). */
export interface ThemeLabels {
  close: string;
}

/** The theme with the labels of the current language. */
export function consoleTheme(labels: ThemeLabels): MantineThemeOverride {
  const closeButtonProps = { 'aria-label': labels.close };
  return mergeThemeOverrides(
    theme,
    createTheme({
      components: {
        Modal: { defaultProps: { closeButtonProps } },
        Drawer: { defaultProps: { closeButtonProps } },
        Alert: { defaultProps: { closeButtonLabel: labels.close } },
        Notification: { defaultProps: { closeButtonProps } },
      },
    }),
  );
}
