import { DndContext, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlKind } from '../../../../../common/domain/application-definition';
import { shownTab } from './canvas-commands';
import { ROW_HEIGHT } from './control-kinds';
import { placeControls } from './control-ops';
import { addControl } from './definition-ops';
import { useDesignerStore } from './designer-store';
import { cellsOf, GridMetricsContext, type GridMetrics } from './grid-metrics';

export const CANVAS_DROP_ID = 'canvas';

/** What a draggable of the palette carries: the kind of control it adds. */
export type DragData = { type: 'palette'; kind: ControlKind; label: string };

function dragData(value: unknown): DragData | null {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === 'palette' ? (value as DragData) : null;
}

/**
 * Dropping new controls from the palette onto the canvas (dnd-kit, pointer only: with the keyboard a
 * palette button adds the control below the others). Controls already on the canvas are moved by the
 * canvas itself (Canvas.tsx), so a drag there does not re-render every control through dnd-kit's context.
 */
export function DesignerDnd({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const metrics = useRef<GridMetrics>({ cellWidth: 0, rowHeight: ROW_HEIGHT });
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const data = dragData(active.data.current);
    const store = useDesignerStore.getState();
    if (data === null || over?.id !== CANVAS_DROP_ID || store.activePageId === null) return;
    const dropped = active.rect.current.translated;
    if (!dropped) return;
    const { dx, dy } = cellsOf({ x: dropped.left - over.rect.left, y: dropped.top - over.rect.top }, metrics.current);
    const pageId = store.activePageId;
    let createdId = '';
    store.edit((definition) => {
      const created = addControl(definition, pageId, { kind: data.kind, label: data.label, at: { x: dx, y: dy } });
      createdId = created.id;
      return placeControls(created.definition, pageId, [created.id], shownTab);
    });
    store.select({ kind: 'control', id: createdId, pageId });
  };

  const announcements = useMemo<Announcements>(
    () => ({
      onDragStart: ({ active }) => t('applications:dnd.start', { label: dragData(active.data.current)?.label ?? '' }),
      onDragMove: () => undefined,
      onDragOver: () => undefined,
      onDragEnd: ({ active }) => t('applications:dnd.end', { label: dragData(active.data.current)?.label ?? '' }),
      onDragCancel: ({ active }) => t('applications:dnd.cancel', { label: dragData(active.data.current)?.label ?? '' }),
    }),
    [t],
  );

  return (
    <GridMetricsContext.Provider value={metrics}>
      <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t('applications:dnd.instructions') } }}>
        {children}
      </DndContext>
    </GridMetricsContext.Provider>
  );
}
