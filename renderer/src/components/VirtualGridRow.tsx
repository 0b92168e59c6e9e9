import type { ComponentPropsWithRef, CSSProperties, KeyboardEvent, ReactNode } from 'react';
import { rowMoveKeys, type RowMove } from '../lib/use-virtual-rows';

const ENTER_OPENS: readonly string[] = ['Enter'];

type RowElementProps = Omit<ComponentPropsWithRef<'div'>, 'role' | 'tabIndex' | 'onClick' | 'onKeyDown' | 'style' | 'children'>;

export interface VirtualGridRowProps extends RowElementProps {
  /** The row's place among the data rows (0-based); the header is ARIA row 1. */
  index: number;
  /** Offset from the top of the row group, from the virtualizer. */
  top: number;
  /** Fixed row height; leave out for rows the virtualizer measures. */
  height?: number;
  /** The table's column grid (display: grid, columns, gaps). */
  grid: CSSProperties;
  /** Added to (and overriding) the row's own style. */
  style?: CSSProperties;
  /** Called on click and on the open keys. */
  onOpen(): void;
  /** Keys on the focused row that call onOpen (default: Enter). */
  openKeys?: readonly string[];
  /** Other keys the row handles itself; returns true when it did (the key's default is then prevented). */
  onKey?(key: string): boolean;
  /** Called with the move for rowMoveKeys (arrows, Page Up/Down, Home, End). */
  onMove(move: RowMove): void;
  children: ReactNode;
}

/**
 * One row of a virtual ARIA table (see useVirtualRows): absolutely placed at `top`, focusable, opened by
 * click or Enter, moved through with rowMoveKeys. Keys pressed on elements inside the row are left alone.
 */
export function VirtualGridRow({ index, top, height, grid, style, onOpen, openKeys = ENTER_OPENS, onKey, onMove, children, ...rest }: VirtualGridRowProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const move = rowMoveKeys[event.key];
    if (openKeys.includes(event.key)) onOpen();
    else if (onKey?.(event.key)) {
      // handled by the row
    } else if (move !== undefined) onMove(move);
    else return;
    event.preventDefault();
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      tabIndex={0}
      data-row-index={index}
      {...rest}
      onClick={() => onOpen()}
      onKeyDown={onKeyDown}
      style={{
        ...grid,
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height,
        transform: `translateY(${top}px)`,
        cursor: 'pointer',
        borderBottom: '1px solid var(--mantine-color-default-border)',
        ...style,
      }}
    >
      {children}
    </div>
  );
}
