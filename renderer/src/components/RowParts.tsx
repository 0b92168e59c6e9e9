import type { CSSProperties, ReactNode } from 'react';

/**
 * Mantine's Text, Badge and Group as the plain elements they render, for the cells of long virtual lists. A list
 * that answers a search renders some 25 rows of ten such parts at once; through Mantine's components (styles
 * context, polymorphic forwardRef, style props) that took ~1 ms a row, as plain elements with Mantine's own
 * classes and variables a fraction of it, with the same look. RowParts.test.tsx checks the markup against
 * Mantine's, so an upgrade that changes it fails there.
 */

type MantineSize = 'xs' | 'sm';
type TextTone = 'default' | 'dimmed' | 'monospace' | 'strong';

const smallText = { '--text-fz': 'var(--mantine-font-size-sm)', '--text-lh': 'var(--mantine-line-height-sm)' } as CSSProperties;
const textStyles: Record<TextTone, CSSProperties> = {
  default: smallText,
  dimmed: { ...smallText, color: 'var(--mantine-color-dimmed)' },
  monospace: { ...smallText, fontFamily: 'var(--mantine-font-family-monospace)' },
  strong: { ...smallText, fontWeight: 500 },
};

export const TEXT_CLASS = 'mantine-focus-auto m_b6d8b162 mantine-Text-root';
export const BADGE_CLASS = 'm_347db0ec mantine-Badge-root';
export const BADGE_LABEL_CLASS = 'm_5add502a mantine-Badge-label';
export const GROUP_CLASS = 'm_4081bf90 mantine-Group-root';

/** `<Text size="sm" truncate>`, optionally dimmed, monospace or of weight 500; `role` for a cell. */
export function RowText({ tone = 'default', role, children }: { tone?: TextTone; role?: string; children: ReactNode }) {
  return (
    <p className={TEXT_CLASS} data-size="sm" data-truncate="end" role={role} style={textStyles[tone]}>
      {children}
    </p>
  );
}

const badgeStyles = new Map<string, CSSProperties>();

function badgeStyle(color: string, variant: 'light' | 'outline', size: MantineSize): CSSProperties {
  const key = `${color} ${variant} ${size}`;
  let style = badgeStyles.get(key);
  if (style === undefined) {
    const light = variant === 'light';
    style = {
      '--badge-height': `var(--badge-height-${size})`,
      '--badge-padding-x': `var(--badge-padding-x-${size})`,
      '--badge-fz': `var(--badge-fz-${size})`,
      '--badge-bg': light ? `var(--mantine-color-${color}-light)` : 'transparent',
      '--badge-color': light ? `var(--mantine-color-${color}-light-color)` : `var(--mantine-color-${color}-outline)`,
      '--badge-bd': `calc(0.0625rem * var(--mantine-scale)) solid ${light ? 'transparent' : `var(--mantine-color-${color}-outline)`}`,
    } as CSSProperties;
    badgeStyles.set(key, style);
  }
  return style;
}

export interface RowBadgeProps {
  color: string;
  variant: 'light' | 'outline';
  size: MantineSize;
  'data-testid'?: string;
  children: ReactNode;
}

/** `<Badge color variant size>` of a theme colour. */
export function RowBadge({ color, variant, size, children, ...rest }: RowBadgeProps) {
  return (
    <div className={BADGE_CLASS} data-variant={variant} data-size={size} style={badgeStyle(color, variant, size)} {...rest}>
      <span className={BADGE_LABEL_CLASS}>{children}</span>
    </div>
  );
}

const groupStyles = new Map<number, CSSProperties>();

/** `<Group gap={px} wrap="nowrap">`. */
export function RowGroup({ gap, children }: { gap: number; children: ReactNode }) {
  let style = groupStyles.get(gap);
  if (style === undefined) {
    style = {
      '--group-gap': `calc(${gap / 16}rem * var(--mantine-scale))`,
      '--group-align': 'center',
      '--group-justify': 'flex-start',
      '--group-wrap': 'nowrap',
    } as CSSProperties;
    groupStyles.set(gap, style);
  }
  return (
    <div className={GROUP_CLASS} style={style}>
      {children}
    </div>
  );
}
