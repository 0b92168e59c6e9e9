/**
 * Colour contrast after WCAG 2.x: relative luminance of sRGB colours and the contrast ratio between two.
 * Level AA asks for 4.5:1 for normal text and 3:1 for large text (at least 18 pt, or 14 pt bold) and
 * for user-interface components.
 */

export const AA_NORMAL_TEXT = 4.5;
export const AA_LARGE_TEXT = 3;

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function isHexColour(value: string): boolean {
  return HEX_COLOUR.test(value);
}

/** `#abc` or `#aabbcc` to its red, green and blue channels (0-255); null for anything else. */
export function parseHexColour(value: string): [number, number, number] | null {
  if (!isHexColour(value)) return null;
  const digits = value.slice(1);
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  return [0, 2, 4].map((offset) => Number.parseInt(full.slice(offset, offset + 2), 16)) as [number, number, number];
}

function linearChannel(channel: number): number {
  const srgb = channel / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance([red, green, blue]: readonly [number, number, number]): number {
  return 0.2126 * linearChannel(red) + 0.7152 * linearChannel(green) + 0.0722 * linearChannel(blue);
}

/** The contrast ratio (1 to 21) of two hex colours; null if either is not a hex colour. */
export function contrastRatio(foreground: string, background: string): number | null {
  const a = parseHexColour(foreground);
  const b = parseHexColour(background);
  if (a === null || b === null) return null;
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

export interface ContrastCheck {
  ratio: number;
  /** Normal body text. */
  normalText: boolean;
  /** Large text and interface components. */
  largeText: boolean;
}

/** WCAG AA verdict for text in `foreground` on `background`; null if a colour is not a hex colour. */
export function checkContrast(foreground: string, background: string): ContrastCheck | null {
  const ratio = contrastRatio(foreground, background);
  if (ratio === null) return null;
  // Compared unrounded: WCAG forbids rounding 4.499 up to 4.5.
  return { ratio, normalText: ratio >= AA_NORMAL_TEXT, largeText: ratio >= AA_LARGE_TEXT };
}

/** Ratios are shown with two decimals, cut (not rounded) so a failing 4.497 never reads as 4.50. */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}
