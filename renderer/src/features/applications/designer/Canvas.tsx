import { useDraggable, useDroppable } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { Box, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import {
  controlHeight,
  GRID_COLUMNS,
  type ApplicationDefinition,
  type ControlDefinition,
  type PageDefinition,
} from '../../../../../common/domain/application-definition';
import { controlIcons, ROW_HEIGHT } from './control-kinds';
import { CANVAS_DROP_ID, type DragData } from './DesignerDnd';
import { useDesignerStore } from './designer-store';
import { firstFreeRow } from './definition-ops';
import { useGridMetrics } from './grid-metrics';

const MIN_ROWS = 10;

/** The page on the 12-column grid: controls are placed and moved here (mouse or keyboard). */
export function Canvas({ page, definition, controlsWithIssues }: { page: PageDefinition; definition: ApplicationDefinition; controlsWithIssues: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const metricsRef = useGridMetrics();
  const { ref: sizeRef, width } = useElementSize<HTMLDivElement>();
  const { setNodeRef, isOver } = useDroppable({ id: CANVAS_DROP_ID });
  const cellWidth = width / GRID_COLUMNS;
  useEffect(() => {
    metricsRef.current = { cellWidth, rowHeight: ROW_HEIGHT };
  }, [cellWidth, metricsRef]);

  const rows = Math.max(MIN_ROWS, firstFreeRow(page) + 3);
  const group = definition.dataGroups.find((candidate) => candidate.id === page.dataGroupId);
  const background: CSSProperties = {
    position: 'relative',
    height: rows * ROW_HEIGHT,
    backgroundImage:
      'linear-gradient(to right, var(--mantine-color-gray-2) 1px, transparent 1px), linear-gradient(to bottom, var(--mantine-color-gray-2) 1px, transparent 1px)',
    backgroundSize: `${cellWidth}px ${ROW_HEIGHT}px`,
    outline: isOver ? '2px dashed var(--mantine-color-blue-5)' : undefined,
    borderRadius: 4,
  };
  return (
    <Box
      ref={(node: HTMLDivElement | null) => {
        setNodeRef(node);
        sizeRef.current = node;
      }}
      style={background}
      bg="white"
      bd="1px solid var(--mantine-color-gray-4)"
      data-testid="designer-canvas"
      role="region"
      aria-label={t('applications:canvas.label', { title: page.title })}
    >
      {page.controls.length === 0 && (
        <Text c="dimmed" ta="center" pt="xl" px="md">
          {t('applications:canvas.empty')}
        </Text>
      )}
      {cellWidth > 0 &&
        page.controls.map((control) => (
          <CanvasControl
            key={control.id}
            control={control}
            pageId={page.id}
            cellWidth={cellWidth}
            fieldName={group?.fields.find((field) => field.id === control.fieldId)?.name ?? null}
            hasIssue={controlsWithIssues.has(control.id)}
          />
        ))}
    </Box>
  );
}

interface CanvasControlProps {
  control: ControlDefinition;
  pageId: string;
  cellWidth: number;
  fieldName: string | null;
  hasIssue: boolean;
}

function CanvasControl({ control, pageId, cellWidth, fieldName, hasIssue }: CanvasControlProps) {
  const { t } = useTranslation();
  const selected = useDesignerStore((state) => state.selection?.kind === 'control' && state.selection.id === control.id);
  const select = useDesignerStore((state) => state.select);
  const data: DragData = { type: 'control', pageId, label: control.label };
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: control.id, data });
  const Icon = controlIcons[control.kind];
  const style: CSSProperties = {
    position: 'absolute',
    left: control.x * cellWidth + 2,
    top: control.y * ROW_HEIGHT + 2,
    width: control.w * cellWidth - 4,
    height: controlHeight(control) * ROW_HEIGHT - 4,
    transform: CSS.Translate.toString(transform),
    zIndex: isDragging ? 10 : selected ? 2 : 1,
    cursor: isDragging ? 'grabbing' : 'grab',
    border: `${selected ? 2 : 1}px solid var(--mantine-color-${hasIssue ? 'red-6' : selected ? 'blue-6' : 'gray-5'})`,
    background: hasIssue ? 'var(--mantine-color-red-0)' : selected ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)',
    borderRadius: 4,
    padding: '2px 8px',
    overflow: 'hidden',
    boxShadow: isDragging ? 'var(--mantine-shadow-md)' : undefined,
    touchAction: 'none',
  };
  const binding = fieldName ?? (control.fieldId === null ? null : t('applications:canvas.missingField'));
  return (
    <div
      ref={setNodeRef}
      style={style}
      {...attributes}
      {...listeners}
      aria-roledescription={t('applications:canvas.roleDescription')}
      aria-label={t('applications:canvas.controlLabel', { kind: t(`applications:kinds.${control.kind}`), label: control.label, x: control.x + 1, y: control.y + 1, w: control.w })}
      aria-pressed={selected}
      onFocus={() => select({ kind: 'control', id: control.id, pageId })}
      onClick={() => select({ kind: 'control', id: control.id, pageId })}
      data-testid={`canvas-control-${control.id}`}
      data-x={control.x}
      data-y={control.y}
      data-w={control.w}
      className="mantine-focus-auto"
    >
      <Group gap={6} wrap="nowrap" h="100%" align="center">
        <Icon size={16} aria-hidden style={{ flexShrink: 0 }} />
        <Text size="sm" fw={600} truncate>
          {control.label || t(`applications:kinds.${control.kind}`)}
        </Text>
        {binding && (
          <Text size="xs" c="dimmed" truncate>
            → {binding}
          </Text>
        )}
        {hasIssue && <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-label={t('applications:canvas.hasIssue')} />}
      </Group>
    </div>
  );
}
