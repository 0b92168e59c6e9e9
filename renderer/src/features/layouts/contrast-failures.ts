import { AA_NORMAL_TEXT, formatRatio } from '../../../../common/domain/contrast';
import { layoutContrast, type LayoutContent } from '../../../../common/domain/layout-rules';

/** The colour pairs of a layout the contrast check looks at (see `layoutContrast`). */
export type ContrastPairKey = 'onPrimary' | 'accentOnWhite';

export interface ContrastFailure {
  pair: ContrastPairKey;
  foreground: string;
  background: string;
  /** Cut to two decimals, "3.21:1". */
  ratio: string;
}

/**
 * The pairs below WCAG AA for normal text (4.5:1): header and button captions and links are body-size
 * text, so a pair that holds only for large text fails too. A colour that is not yet a hex colour is
 * a validation issue, not a contrast failure.
 */
export function contrastFailures(layout: Pick<LayoutContent, 'primaryColor' | 'accentColor'>): ContrastFailure[] {
  const contrast = layoutContrast(layout);
  const pairs: { pair: ContrastPairKey; foreground: string; background: string }[] = [
    { pair: 'onPrimary', foreground: '#ffffff', background: layout.primaryColor },
    { pair: 'accentOnWhite', foreground: layout.accentColor, background: '#ffffff' },
  ];
  return pairs.flatMap((candidate) => {
    const check = contrast[candidate.pair];
    if (check === null || check.ratio >= AA_NORMAL_TEXT) return [];
    return [{ ...candidate, ratio: formatRatio(check.ratio) }];
  });
}
