import { describe, expect, it } from 'vitest';
import { checkContrast, contrastRatio, formatRatio, parseHexColour } from './contrast';

describe('parseHexColour', () => {
  it.each([
    { input: '#ffffff', rgb: [255, 255, 255] },
    { input: '#000', rgb: [0, 0, 0] },
    { input: '#1C7ED6', rgb: [28, 126, 214] },
    { input: '#f80', rgb: [255, 136, 0] },
    { input: 'ffffff', rgb: null },
    { input: '#ffff', rgb: null },
    { input: '#gggggg', rgb: null },
    { input: 'red', rgb: null },
  ])('$input', ({ input, rgb }) => {
    expect(parseHexColour(input)).toEqual(rgb);
  });
});

describe('contrastRatio (reference values from WCAG tools)', () => {
  it.each([
    { fg: '#000000', bg: '#ffffff', ratio: 21 },
    { fg: '#ffffff', bg: '#ffffff', ratio: 1 },
    { fg: '#777777', bg: '#ffffff', ratio: 4.48 },
    { fg: '#767676', bg: '#ffffff', ratio: 4.54 },
    { fg: '#ffffff', bg: '#1c7ed6', ratio: 4.2 },
    { fg: '#0000ff', bg: '#ffffff', ratio: 8.59 },
    { fg: '#ff0000', bg: '#ffffff', ratio: 4.0 },
  ])('$fg on $bg is $ratio:1', ({ fg, bg, ratio }) => {
    expect(contrastRatio(fg, bg)).toBeCloseTo(ratio, 2);
    expect(contrastRatio(bg, fg)).toBeCloseTo(ratio, 2);
  });

  it('is null for a colour it cannot read', () => {
    expect(contrastRatio('#fff', 'blue')).toBeNull();
  });
});

describe('checkContrast (WCAG AA)', () => {
  it.each([
    { fg: '#767676', bg: '#ffffff', normal: true, large: true },
    { fg: '#777777', bg: '#ffffff', normal: false, large: true },
    { fg: '#ffffff', bg: '#1c7ed6', normal: false, large: true },
    { fg: '#ffffff', bg: '#ffd43b', normal: false, large: false },
    { fg: '#000000', bg: '#ffd43b', normal: true, large: true },
  ])('$fg on $bg: normal $normal, large $large', ({ fg, bg, normal, large }) => {
    expect(checkContrast(fg, bg)).toMatchObject({ normalText: normal, largeText: large });
  });
});

describe('formatRatio', () => {
  it('cuts instead of rounding, so a failing ratio never shows as passing', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(formatRatio(21)).toBe('21.00:1');
  });
});
