import { createTheme, mergeThemeOverrides, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';
import './theme.css';

/**
 * Mantine's palettes with shades 6 to 9 darkened (same hue and saturation) until shade 6, which Mantine uses
 * for filled backgrounds, light-variant text, outlines, links, coloured text and the focus ring, reaches
 * 4.5:1 against white, gray.2 and its own light tint, also where that tint lies over another one (a badge in
 * a selected row, a button in an alert) and at the 0.9 opacity of an active nav entry's description.
 * Shades 0-5 (tints) stay as they are. theme.test.ts checks every pair with the
 * layout designer's contrast check.
 */
export const accessibleColors = {
  gray: ['#f8f9fa', '#f1f3f5', '#e9ecef', '#dee2e6', '#ced4da', '#adb5bd', '#555b61', '#4b5157', '#42474c', '#383c41'],
  blue: ['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#125e9f', '#10538d', '#0e487b', '#0c3d68'],
  teal: ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#0a694c', '#08563f', '#074431', '#053124'],
  green: ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#22682f', '#1d5928', '#184a21', '#133a1a'],
  red: ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#b30505', '#9f0505', '#8b0404', '#770303'],
  orange: ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#954501', '#813b01', '#6d3201', '#592901'],
  yellow: ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#785402', '#644602', '#503802', '#3c2a01'],
  grape: ['#f8f0fc', '#f3d9fa', '#eebefa', '#e599f7', '#da77f2', '#cc5de8', '#9423b1', '#8620a0', '#781d8f', '#6a197e'],
  violet: ['#f3f0ff', '#e5dbff', '#d0bfff', '#b197fc', '#9775fa', '#845ef7', '#5e2cef', '#4f19ee', '#4611e2', '#400fcf'],
  cyan: ['#e3fafc', '#c5f6fa', '#99e9f2', '#66d9e8', '#3bc9db', '#22b8cf', '#0c6471', '#0a545f', '#08444c', '#06333a'],
  indigo: ['#edf2ff', '#dbe4ff', '#bac8ff', '#91a7ff', '#748ffc', '#5c7cfa', '#1743f2', '#0d39e8', '#0c34d4', '#0b2fc1'],
  lime: ['#f4fce3', '#e9fac8', '#d8f5a2', '#c0eb75', '#a9e34b', '#94d82d', '#40630f', '#35510c', '#293f09', '#1e2e07'],
  pink: ['#fff0f6', '#ffdeeb', '#fcc2d7', '#faa2c1', '#f783ac', '#f06595', '#ae184d', '#9d1645', '#8b133d', '#791135'],
} satisfies Record<string, MantineColorsTuple>;

/**
 * Light-scheme colours beyond the palettes: dimmed text and placeholders are text (4.5:1; Mantine's gray.6
 * has 3.32:1, gray.5 2.07:1),
 * borders of form controls are UI parts (3:1; Mantine's gray.4 has 1.5:1).
 */
export const lightSchemeColors = {
  // Lighter than gray.6 (which must also hold on tinted backgrounds) to keep secondary text visibly secondary.
  '--mantine-color-dimmed': '#60686f',
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
    // Mantine's focus placeholder is a plain div inside role=menu, where only menu items may be.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
  },
});

/** Names for the icon-only buttons Mantine draws itself (the × of dialogs, drawers, alerts, notifications). */
export interface ThemeLabels {
  close: string;
  saturation: string;
  hue: string;
  alpha: string;
  eyeDropper: string;
}

/** The theme with the labels of the current language. */
export function consoleTheme(labels: ThemeLabels): MantineThemeOverride {
  const closeButtonProps = { 'aria-label': labels.close };
  const pickerLabels = { saturationLabel: labels.saturation, hueLabel: labels.hue, alphaLabel: labels.alpha };
  return mergeThemeOverrides(
    theme,
    createTheme({
      components: {
        Modal: { defaultProps: { closeButtonProps } },
        Drawer: { defaultProps: { closeButtonProps } },
        Alert: { defaultProps: { closeButtonLabel: labels.close } },
        Notification: { defaultProps: { closeButtonProps } },
        ColorInput: { defaultProps: { ...pickerLabels, eyeDropperButtonProps: { 'aria-label': labels.eyeDropper } } },
        ColorPicker: { defaultProps: pickerLabels },
      },
    }),
  );
}
