import { DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { AA_LARGE_TEXT, AA_NORMAL_TEXT, contrastRatio, parseHexColour } from '../../../common/domain/contrast';
import { environmentColor } from '../lib/environment';
import { bannerShade } from './EnvironmentBanner';
import { accessibleColors, lightSchemeColors, PRIMARY_SHADE, theme } from './theme';

/**
 * The console's own colours, checked with the contrast check its layout designer applies to customers'
 * layouts (common/domain/contrast.ts): 4.5:1 for text, 3:1 for UI parts and focus rings.
 */

const WHITE = '#ffffff';
/** Mantine's light variant: the colour at 10 % over white, 12 % on hover. */
const LIGHT_ALPHA = [0.1, 0.12];

/** `colour` at `alpha` over `background`, as the browser blends it. */
function over(colour: string, alpha: number, background = WHITE): string {
  const top = parseHexColour(colour)!;
  const bottom = parseHexColour(background)!;
  return `#${top.map((channel, index) => Math.round(channel * alpha + bottom[index]! * (1 - alpha)).toString(16).padStart(2, '0')).join('')}`;
}

const colours = theme.colors as Record<string, MantineColorsTuple>;
const shade = (name: string, index: number) => colours[name]![index]!;
const gray = (index: number) => shade('gray', index);
const families = Object.keys(accessibleColors);

interface Pair {
  what: string;
  foreground: string;
  background: string;
  minimum: number;
}

function familyPairs(name: string): Pair[] {
  const main = shade(name, PRIMARY_SHADE);
  return [
    { what: `white on filled ${name}`, foreground: WHITE, background: main, minimum: AA_NORMAL_TEXT },
    { what: `white on filled ${name} (hover)`, foreground: WHITE, background: shade(name, PRIMARY_SHADE + 1), minimum: AA_NORMAL_TEXT },
    { what: `${name} text on white`, foreground: main, background: WHITE, minimum: AA_NORMAL_TEXT },
    ...LIGHT_ALPHA.map((alpha) => ({ what: `${name} text on light ${name} (${alpha})`, foreground: main, background: over(main, alpha), minimum: AA_NORMAL_TEXT })),
    ...LIGHT_ALPHA.map((alpha) => ({
      what: `${name} text on light ${name} over light ${name} (${alpha}; a button in an alert)`,
      foreground: main,
      background: over(main, alpha, over(main, alpha)),
      minimum: AA_NORMAL_TEXT,
    })),
    {
      what: `${name} text on light ${name} in a selected row`,
      foreground: main,
      background: over(main, 0.12, over(shade('blue', PRIMARY_SHADE), 0.12)),
      minimum: AA_NORMAL_TEXT,
    },
    {
      what: `${name} description of an active nav entry (opacity 0.9)`,
      foreground: over(main, 0.9, over(main, 0.12)),
      background: over(main, 0.12),
      minimum: AA_NORMAL_TEXT,
    },
    { what: `${name} text on gray.0 (table heads)`, foreground: main, background: gray(0), minimum: AA_NORMAL_TEXT },
    { what: `${name} text on gray.1`, foreground: main, background: gray(1), minimum: AA_NORMAL_TEXT },
    { what: `${name} outline / focus ring on white`, foreground: main, background: WHITE, minimum: AA_LARGE_TEXT },
  ];
}

const controlBorder = () => lightSchemeColors['--console-control-border'];
const placeholder = lightSchemeColors['--mantine-color-placeholder'];
const dimmed = lightSchemeColors['--mantine-color-dimmed'];

const pairs: Pair[] = [
  ...families.flatMap(familyPairs),
  // Dimmed text: on the page, on table heads, in a selected row, in an alert.
  ...[WHITE, gray(0), gray(1), gray(2)].map((background) => ({ what: `dimmed text on ${background}`, foreground: dimmed, background, minimum: AA_NORMAL_TEXT })),
  ...families.map((name) => ({ what: `dimmed text on light ${name}`, foreground: dimmed, background: over(shade(name, PRIMARY_SHADE), 0.12), minimum: AA_NORMAL_TEXT })),
  { what: 'placeholder text on white', foreground: placeholder, background: WHITE, minimum: AA_NORMAL_TEXT },
  { what: 'placeholder text on gray.0', foreground: placeholder, background: gray(0), minimum: AA_NORMAL_TEXT },
  { what: 'form control border on white', foreground: controlBorder(), background: WHITE, minimum: AA_LARGE_TEXT },
  { what: 'form control border on gray.0', foreground: controlBorder(), background: gray(0), minimum: AA_LARGE_TEXT },
  ...(['prod', 'test', 'dev'] as const).flatMap((environment) => [
    { what: `${environment} banner`, foreground: WHITE, background: shade(environmentColor[environment], bannerShade(environment)), minimum: AA_NORMAL_TEXT },
    { what: `${environment} badge`, foreground: WHITE, background: shade(environmentColor[environment], PRIMARY_SHADE), minimum: AA_NORMAL_TEXT },
  ]),
];

describe('console theme contrast', () => {
  it.each(pairs)('$what: at least $minimum:1', ({ foreground, background, minimum }) => {
    expect(contrastRatio(foreground, background)).toBeGreaterThanOrEqual(minimum);
  });

  it('takes the darkened palettes for every colour the console uses, and the shade its pairs assume', () => {
    expect(theme.primaryShade).toEqual({ light: PRIMARY_SHADE, dark: 8 });
    for (const name of [...Object.values(environmentColor), 'gray', 'blue', 'green', 'red', 'orange', 'yellow', 'violet']) {
      expect(families).toContain(name);
    }
  });

  it('fails the pairs Mantine ships with (the check is not vacuous)', () => {
    expect(contrastRatio(WHITE, DEFAULT_THEME.colors.blue[6])).toBeLessThan(AA_NORMAL_TEXT);
    expect(contrastRatio(DEFAULT_THEME.colors.gray[6], WHITE)).toBeLessThan(AA_NORMAL_TEXT); // Mantine's dimmed
    expect(contrastRatio(WHITE, DEFAULT_THEME.colors.teal[6])).toBeLessThan(AA_NORMAL_TEXT);
  });
});
