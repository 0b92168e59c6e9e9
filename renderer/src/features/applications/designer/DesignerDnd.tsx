import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlKind } from '../../../../../common/domain/application-definition';
import { addControl, moveControl } from './definition-ops';
import { ROW_HEIGHT } from './control-kinds';
import { useDesignerStore } from './designer-store';
import { cellsOf, GridMetricsContext, type GridMetrics } from './grid-metrics';

export const CANVAS_DROP_ID = 'canvas';

/** What a draggable carries: a control on the canvas, or a new control from the palette. */
export type DragData = { type: 'control'; pageId: string; label: string } | { type: 'palette'; kind: ControlKind; label: string };

function dragData(value: unknown): DragData | null {
  return typeof value === 'object' && value !== null && 'type' in value ? (value as DragData) : null;
}

/**
 * Drag and drop of the designer (dnd-kit): moving controls on the canvas with the mouse or the keyboard
 * (focus a control, Space to pick it up, arrow keys move it one grid cell, Space to drop, Escape to
 * cancel) and dropping new controls from the palette onto the canvas.
 */
export function DesignerDnd({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const metrics = useRef<GridMetrics>({ cellWidth: 0, rowHeight: ROW_HEIGHT });

  const coordinateGetter: KeyboardCoordinateGetter = (event, { currentCoordinates }) => {
    const { cellWidth, rowHeight } = metrics.current;
    const moves: Record<string, { x: number; y: number }> = {
      ArrowRight: { x: cellWidth, y: 0 },
      ArrowLeft: { x: -cellWidth, y: 0 },
      ArrowDown: { x: 0, y: rowHeight },
      ArrowUp: { x: 0, y: -rowHeight },
    };
    const move = moves[event.code];
    if (move === undefined) return undefined;
    event.preventDefault();
    return { x: currentCoordinates.x + move.x, y: currentCoordinates.y + move.y };
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  const onDragEnd = ({ active, delta, over }: DragEndEvent) => {
    const data = dragData(active.data.current);
    const store = useDesignerStore.getState();
    if (data?.type === 'control') {
      const control = store.definition.pages.find((page) => page.id === data.pageId)?.controls.find((c) => c.id === active.id);
      if (!control) return;
      const { dx, dy } = cellsOf(delta, metrics.current);
      if (dx === 0 && dy === 0) return;
      store.edit((definition) => moveControl(definition, data.pageId, control.id, control.x + dx, control.y + dy));
      return;
    }
    if (data?.type === 'palette' && over?.id === CANVAS_DROP_ID && store.activePageId !== null) {
      const dropped = active.rect.current.translated;
      if (!dropped) return;
      const { dx, dy } = cellsOf({ x: dropped.left - over.rect.left, y: dropped.top - over.rect.top }, metrics.current);
      const pageId = store.activePageId;
      let createdId = '';
      store.edit((definition) => {
        const created = addControl(definition, pageId, { kind: data.kind, label: data.label, at: { x: dx, y: dy } });
        createdId = created.id;
        return created.definition;
      });
      store.select({ kind: 'control', id: createdId, pageId });
    }
  };

  const announcements = useMemo<Announcements>(
    () => ({
      onDragStart: ({ active }) => t('applications:dnd.start', { label: dragData(active.data.current)?.label ?? '' }),
      onDragMove: ({ active }) => {
        const data = dragData(active.data.current);
        if (data?.type !== 'control') return undefined;
        const control = useDesignerStore.getState().definition.pages.find((p) => p.id === data.pageId)?.controls.find((c) => c.id === active.id);
        return control ? t('applications:dnd.move', { label: data.label }) : undefined;
      },
      onDragOver: () => undefined,
      onDragEnd: ({ active }) => t('applications:dnd.end', { label: dragData(active.data.current)?.label ?? '' }),
      onDragCancel: ({ active }) => t('applications:dnd.cancel', { label: dragData(active.data.current)?.label ?? '' }),
    }),
    [t],
  );

  return (
    <GridMetricsContext.Provider value={metrics}>
      <DndContext
        sensors={sensors}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('applications:dnd.instructions') } }}
      >
        {children}
      </DndContext>
    </GridMetricsContext.Provider>
  );
}
