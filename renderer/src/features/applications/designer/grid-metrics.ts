import { createContext, useContext, type RefObject } from 'react';

/** Size of one grid cell on the canvas, kept up to date by the canvas and read by drag handlers. */
export interface GridMetrics {
  cellWidth: number;
  rowHeight: number;
}

export const GridMetricsContext = createContext<RefObject<GridMetrics> | null>(null);

export function useGridMetrics(): RefObject<GridMetrics> {
  const metrics = useContext(GridMetricsContext);
  if (metrics === null) throw new Error('useGridMetrics outside of DesignerDnd');
  return metrics;
}

/** A pixel offset as whole grid cells. */
export function cellsOf(delta: { x: number; y: number }, metrics: GridMetrics): { dx: number; dy: number } {
  return {
    dx: metrics.cellWidth > 0 ? Math.round(delta.x / metrics.cellWidth) : 0,
    dy: metrics.rowHeight > 0 ? Math.round(delta.y / metrics.rowHeight) : 0,
  };
}
