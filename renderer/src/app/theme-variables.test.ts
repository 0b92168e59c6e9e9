import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_THEME, defaultCssVariablesResolver, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { AA_LARGE_TEXT, AA_NORMAL_TEXT, contrastRatio, parseHexColour } from '../../../common/domain/contrast';
import { accessibleColors, cssVariablesResolver, theme } from './theme';

/**
 * The console's colours as the browser gets them: the CSS variables Mantine writes for the light scheme from
 * the console's theme (with the console's own resolver on top, as Providers.tsx passes it), Mantine's own
 * stylesheet, and the colours the console's screens ask for by name (`c="red"`, `c="green.8"`). Every
 * text colour is checked with the contrast check the layout designer applies to customers' layouts.
 * theme.test.ts checks the palettes; this test checks that what is rendered really uses them.
 */

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const generated = defaultCssVariablesResolver(full);
const consoleVariables = cssVariablesResolver(full);
const variables: Record<string, string> = { ...generated.variables, ...generated.light, ...consoleVariables.variables, ...consoleVariables.light };

const WHITE = '#ffffff';

/** `rgba(r, g, b, a)` over `background`, as the browser blends it. */
function blend(rgba: string, background: string): string {
  const [r, g, b, a] = rgba.match(/[\d.]+/g)!.map(Number) as [number, number, number, number];
  const bottom = parseHexColour(background)!;
  return `#${[r, g, b].map((channel, index) => Math.round(channel * a + bottom[index]! * (1 - a)).toString(16).padStart(2, '0')).join('')}`;
}

/** A CSS colour value to #rrggbb: variables followed, short hex widened, translucent colours laid over `background`. */
function resolveColour(value: string, background = WHITE, depth = 0): string | null {
  const trimmed = value.trim();
  if (depth > 10) return null;
  const variable = /^var\((--[\w-]+)(?:,\s*(.+))?\)$/.exec(trimmed);
  if (variable) {
    const known = variables[variable[1]!];
    if (known !== undefined) return resolveColour(known, background, depth + 1);
    return variable[2] === undefined ? null : resolveColour(variable[2], background, depth + 1);
  }
  if (/^#[0-9a-f]{3}$/i.test(trimmed)) return `#${[...trimmed.slice(1)].map((digit) => digit + digit).join('')}`.toLowerCase();
  if (/^#[0-9a-f]{6}$/i.test(trimmed)) return trimmed.toLowerCase();
  if (/^rgba?\(/.test(trimmed)) return blend(trimmed.includes('rgba') ? trimmed : trimmed.replace(')', ', 1)'), background);
  return null;
}

const colour = (value: string, background = WHITE) => {
  const resolved = resolveColour(value, background);
  if (resolved === null) throw new Error(`cannot resolve ${value}`);
  return resolved;
};

const body = () => colour('var(--mantine-color-body)');
const families = Object.keys(accessibleColors);

interface Pair {
  what: string;
  foreground: string;
  background: string;
  minimum: number;
}

const variablePairs = (): Pair[] => [
  { what: 'text on the page', foreground: colour('var(--mantine-color-text)'), background: body(), minimum: AA_NORMAL_TEXT },
  { what: 'dimmed text on the page', foreground: colour('var(--mantine-color-dimmed)'), background: body(), minimum: AA_NORMAL_TEXT },
  { what: 'dimmed text on a hovered default control', foreground: colour('var(--mantine-color-dimmed)'), background: colour('var(--mantine-color-default-hover)'), minimum: AA_NORMAL_TEXT },
  { what: 'placeholder on the page', foreground: colour('var(--mantine-color-placeholder)'), background: body(), minimum: AA_NORMAL_TEXT },
  { what: 'links', foreground: colour('var(--mantine-color-anchor)'), background: body(), minimum: AA_NORMAL_TEXT },
  { what: 'error text', foreground: colour('var(--mantine-color-error)'), background: body(), minimum: AA_NORMAL_TEXT },
  { what: 'default button text', foreground: colour('var(--mantine-color-default-color)'), background: colour('var(--mantine-color-default)'), minimum: AA_NORMAL_TEXT },
  { what: 'default control border', foreground: colour('var(--console-control-border)'), background: body(), minimum: AA_LARGE_TEXT },
  ...families.flatMap((name): Pair[] => [
    { what: `c="${name}" text`, foreground: colour(`var(--mantine-color-${name}-text)`), background: body(), minimum: AA_NORMAL_TEXT },
    { what: `white on filled ${name}`, foreground: WHITE, background: colour(`var(--mantine-color-${name}-filled)`), minimum: AA_NORMAL_TEXT },
    { what: `white on hovered filled ${name}`, foreground: WHITE, background: colour(`var(--mantine-color-${name}-filled-hover)`), minimum: AA_NORMAL_TEXT },
    {
      what: `light ${name} text (badges, alerts, light buttons)`,
      foreground: colour(`var(--mantine-color-${name}-light-color)`),
      background: colour(`var(--mantine-color-${name}-light-hover)`, body()),
      minimum: AA_NORMAL_TEXT,
    },
    { what: `outline ${name}`, foreground: colour(`var(--mantine-color-${name}-outline)`), background: body(), minimum: AA_NORMAL_TEXT },
  ]),
];

describe('the CSS variables Mantine writes from the console theme (light scheme)', () => {
  it.each(variablePairs())('$what: at least $minimum:1', ({ foreground, background, minimum }) => {
    expect(contrastRatio(foreground, background)).toBeGreaterThanOrEqual(minimum);
  });

  it("takes the console's dimmed and placeholder colours, not Mantine's gray.6 / gray.5 (the check is not vacuous)", () => {
    const mantineOnly: Record<string, string> = { ...defaultCssVariablesResolver(DEFAULT_THEME).variables, ...defaultCssVariablesResolver(DEFAULT_THEME).light };
    const mantine = (name: string) => {
      const value = mantineOnly[name]!;
      const reference = /^var\((--[\w-]+)\)$/.exec(value);
      return reference ? mantineOnly[reference[1]!]! : value;
    };
    expect(contrastRatio(mantine('--mantine-color-dimmed'), WHITE)).toBeLessThan(AA_NORMAL_TEXT);
    expect(contrastRatio(mantine('--mantine-color-placeholder'), WHITE)).toBeLessThan(AA_NORMAL_TEXT);
    expect(contrastRatio(WHITE, mantine('--mantine-color-blue-filled'))).toBeLessThan(AA_NORMAL_TEXT);
  });
});

/** Rules of Mantine's stylesheet that set a text colour, in the light scheme (or in both). */
function stylesheetTextColours(): { selector: string; value: string }[] {
  const css = readFileSync(join(process.cwd(), 'node_modules/@mantine/core/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: { selector: string; value: string }[] = [];
  for (const match of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selector = match[1]!.trim().replace(/\s+/g, ' ');
    if (/dark/.test(selector)) continue;
    for (const declaration of match[2]!.matchAll(/(?:^|;)\s*color:\s*([^;]+)/g)) rules.push({ selector, value: declaration[1]!.trim() });
  }
  return rules;
}

/**
 * Colours WCAG does not hold to 4.5:1: disabled controls (1.4.3 exempts inactive components) and the
 * colour pickers' and the mark's own swatches. Anything else that fails is a defect.
 */
const exempt = /disabled|\[data-disabled\]|::placeholder|mantine-color-(?:white|black)\b/;

describe("Mantine's stylesheet with the console's colours", () => {
  const found = stylesheetTextColours()
    .filter((rule) => !exempt.test(rule.selector) && !exempt.test(rule.value))
    .map((rule) => ({ ...rule, resolved: resolveColour(rule.value) }))
    .filter((rule): rule is typeof rule & { resolved: string } => rule.resolved !== null);

  it('finds the text colours it checks (dimmed descriptions, notification bodies, …)', () => {
    expect(found.length).toBeGreaterThan(10);
  });

  it.each(found)('$selector { color: $value } on the page: at least 4.5:1', ({ resolved }) => {
    expect(contrastRatio(resolved, body())).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
  });
});

/** `c="red"`, `c="green.8"`, `c={… 'dimmed' …}` in the console's screens. */
function colourProps(): string[] {
  const root = join(process.cwd(), 'renderer/src');
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.tsx') && !entry.name.includes('.test.')) {
        const source = readFileSync(path, 'utf8');
        for (const match of source.matchAll(/\bc=(?:"([a-z]+(?:\.\d)?)"|\{([^}]*)\})/g)) {
          if (match[1]) names.add(match[1]);
          // The colours a condition picks: `c={failed ? 'red' : 'dimmed'}`.
          for (const quoted of (match[2] ?? '').matchAll(/[?:]\s*'([a-z]+(?:\.\d)?)'/g)) names.add(quoted[1]!);
        }
      }
    }
  };
  walk(root);
  return [...names].sort();
}

/** Mantine's meaning of a colour name in `c`: a family's text colour, a shade, or a named variable. */
function colourOfProp(name: string): string | null {
  const [family, shade] = name.split('.');
  if (shade !== undefined) return resolveColour(`var(--mantine-color-${family}-${shade})`);
  if (families.includes(name)) return resolveColour(`var(--mantine-color-${name}-text)`);
  return resolveColour(`var(--mantine-color-${name})`);
}

describe('the colours the console asks for by name', () => {
  const props = colourProps();

  it('finds them in the screens', () => {
    expect(props).toEqual(expect.arrayContaining(['dimmed', 'red']));
  });

  it.each(props.filter((name) => name !== 'white'))('c="%s" text on the page: at least 4.5:1', (name) => {
    const resolved = colourOfProp(name);
    expect(resolved, `${name} is not a colour of the theme`).not.toBeNull();
    expect(contrastRatio(resolved!, body())).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
  });
});

/**
 * Palette colours the screens give icons, dots and text directly (`color="var(--mantine-color-red-6)"`):
 * graphics that carry meaning need 3:1 (WCAG 1.4.11). Borders, backgrounds and outlines are left out:
 * they frame things and carry no meaning of their own.
 */
function paletteColoursInScreens(): { where: string; name: string }[] {
  const root = join(process.cwd(), 'renderer/src');
  const found: { where: string; name: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.tsx') && !entry.name.includes('.test.')) {
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            if (/\b(?:bg|bd|background|border\w*|outline|linear-gradient)\b/.test(line)) return;
            for (const match of line.matchAll(/var\(--mantine-color-([a-z]+-\d)\)/g)) found.push({ where: `${path.slice(root.length + 1)}:${index + 1}`, name: match[1]! });
          });
      }
    }
  };
  walk(root);
  return found;
}

describe('palette colours of icons and status dots in the screens', () => {
  const found = paletteColoursInScreens();

  it('finds them', () => {
    expect(found.length).toBeGreaterThan(5);
  });

  it.each(found)('$where: $name on the page at least 3:1', ({ name }) => {
    expect(contrastRatio(colour(`var(--mantine-color-${name})`), body())).toBeGreaterThanOrEqual(AA_LARGE_TEXT);
  });
});
