import { useDraggable } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { Button, Group, Text } from '@mantine/core';
import type { PointerEventHandler } from 'react';
import { useTranslation } from 'react-i18next';
import { containerKinds, contentControlKinds, inputControlKinds, type ControlKind } from '../../../../../common/domain/application-definition';
import { controlIcons } from './control-kinds';
import type { DragData } from './DesignerDnd';

/**
 * The controls an administrator can add: click (or Enter) adds one below the others, dragging one onto
 * the canvas places it there.
 */
export function Palette({ onAdd, disabled }: { onAdd: (kind: ControlKind) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="toolbar" aria-label={t('applications:palette.label')} data-testid="palette" align="flex-start">
      <Text size="sm" fw={600} mr={4}>
        {t('applications:palette.heading')}
      </Text>
      {paletteGroups.map(({ key, kinds }) => (
        <Group key={key} gap={4} role="group" aria-label={t(`applications:palette.${key}`)} data-testid={`palette-group-${key}`}>
          <Text size="xs" c="dimmed" w="100%">
            {t(`applications:palette.${key}`)}
          </Text>
          {kinds.map((kind) => (
            <PaletteItem key={kind} kind={kind} onAdd={onAdd} disabled={disabled} />
          ))}
        </Group>
      ))}
    </Group>
  );
}

/** The palette in three groups: controls bound to a field, content, and containers that hold controls. */
export const paletteGroups = [
  { key: 'inputs', kinds: inputControlKinds },
  { key: 'content', kinds: contentControlKinds },
  { key: 'containers', kinds: containerKinds },
] as const satisfies ReadonlyArray<{ key: string; kinds: readonly ControlKind[] }>;

function PaletteItem({ kind, onAdd, disabled }: { kind: ControlKind; onAdd: (kind: ControlKind) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const label = t(`applications:kinds.${kind}`);
  const data: DragData = { type: 'palette', kind, label };
  const { listeners, setNodeRef, transform, isDragging } = useDraggable({ id: `palette:${kind}`, data, disabled });
  const Icon = controlIcons[kind];
  return (
    <Button
      ref={setNodeRef}
      size="compact-sm"
      variant="default"
      leftSection={<Icon size={14} aria-hidden />}
      // Only the pointer drags from the palette; Enter and Space are the button's click (add below).
      onPointerDown={listeners?.onPointerDown as PointerEventHandler<HTMLButtonElement> | undefined}
      onClick={() => onAdd(kind)}
      disabled={disabled}
      aria-label={t('applications:palette.add', { kind: label })}
      style={{ transform: CSS.Translate.toString(transform), zIndex: isDragging ? 20 : undefined, touchAction: 'none' }}
      data-testid={`palette-${kind}`}
    >
      {label}
    </Button>
  );
}
