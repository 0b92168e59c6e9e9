import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconClipboard,
  IconCopy,
  IconCopyPlus,
  IconLayoutAlignBottom,
  IconLayoutAlignCenter,
  IconLayoutAlignLeft,
  IconLayoutAlignMiddle,
  IconLayoutAlignRight,
  IconLayoutAlignTop,
  IconLayoutDistributeHorizontal,
  IconLayoutDistributeVertical,
  IconTrash,
  type TablerIcon,
} from '@tabler/icons-react';
import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { align, copySelection, distribute, duplicate, paste, removeNow, requestRemove } from './canvas-commands';
import type { Alignment, Axis } from './control-ops';
import { useDesignerStore } from './designer-store';

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl';

const alignments: { value: Alignment; icon: TablerIcon }[] = [
  { value: 'left', icon: IconLayoutAlignLeft },
  { value: 'centerX', icon: IconLayoutAlignCenter },
  { value: 'right', icon: IconLayoutAlignRight },
  { value: 'top', icon: IconLayoutAlignTop },
  { value: 'centerY', icon: IconLayoutAlignMiddle },
  { value: 'bottom', icon: IconLayoutAlignBottom },
];
const axes: { value: Axis; icon: TablerIcon }[] = [
  { value: 'horizontal', icon: IconLayoutDistributeHorizontal },
  { value: 'vertical', icon: IconLayoutDistributeVertical },
];

function ToolButton({ label, icon: Icon, onClick, disabled, testId }: { label: string; icon: TablerIcon; onClick: () => void; disabled: boolean; testId: string }) {
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <ActionIcon variant="default" size="lg" aria-label={label} onClick={onClick} disabled={disabled} data-testid={testId}>
        <Icon size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}

/** "Remove n controls": the one part of the toolbar that follows the exact number selected. */
function RemoveButton() {
  const { t } = useTranslation();
  const count = useDesignerStore((state) => state.selectedControls.size);
  return <ToolButton label={t('applications:canvas.remove', { count })} icon={IconTrash} onClick={requestRemove} disabled={count === 0} testId="designer-remove" />;
}

/** Undo/redo, align and distribute, copy/paste/duplicate and delete for the canvas's selection. */
export const CanvasToolbar = memo(function CanvasToolbar() {
  const { t } = useTranslation();
  const canUndo = useDesignerStore((state) => state.past.length > 0);
  const canRedo = useDesignerStore((state) => state.future.length > 0);
  // Capped: only 0, 1, 2 and 3+ change what the toolbar offers, so selecting the 4th..50th control re-renders only the remove button.
  const selected = useDesignerStore((state) => Math.min(state.selectedControls.size, 3));
  const hasClipboard = useDesignerStore((state) => state.clipboard !== null);
  const undo = useDesignerStore((state) => state.undo);
  const redo = useDesignerStore((state) => state.redo);
  return (
    <Group gap={4} role="toolbar" aria-label={t('applications:canvas.toolbar')} data-testid="canvas-toolbar">
      <ToolButton label={t('applications:canvas.undo', { keys: `${MOD}+Z` })} icon={IconArrowBackUp} onClick={undo} disabled={!canUndo} testId="designer-undo" />
      <ToolButton label={t('applications:canvas.redo', { keys: `${MOD}+Shift+Z / ${MOD}+Y` })} icon={IconArrowForwardUp} onClick={redo} disabled={!canRedo} testId="designer-redo" />
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button variant="default" size="compact-md" h={34} disabled={selected < 2} data-testid="align-menu">
            {t('applications:canvas.align')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {alignments.map(({ value, icon: Icon }) => (
            <Menu.Item key={value} leftSection={<Icon size={16} aria-hidden />} onClick={() => align(value)} data-testid={`align-${value}`}>
              {t(`applications:canvas.align_${value}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          {axes.map(({ value, icon: Icon }) => (
            <Menu.Item key={value} leftSection={<Icon size={16} aria-hidden />} onClick={() => distribute(value)} disabled={selected < 3} data-testid={`distribute-${value}`}>
              {t(`applications:canvas.distribute_${value}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ToolButton label={t('applications:canvas.copy', { keys: `${MOD}+C` })} icon={IconCopy} onClick={() => void copySelection()} disabled={selected === 0} testId="designer-copy" />
      <ToolButton label={t('applications:canvas.paste', { keys: `${MOD}+V` })} icon={IconClipboard} onClick={() => void paste()} disabled={!hasClipboard} testId="designer-paste" />
      <ToolButton label={t('applications:canvas.duplicate', { keys: `${MOD}+D` })} icon={IconCopyPlus} onClick={() => void duplicate()} disabled={selected === 0} testId="designer-duplicate" />
      <RemoveButton />
    </Group>
  );
});

/** Whether the key goes to a text field (its own undo, copy and paste win there). */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(target.type);
  return target.getAttribute('role') === 'textbox' || target.getAttribute('role') === 'combobox';
}

/**
 * The designer's shortcuts: Ctrl+Z undo, Ctrl+Shift+Z and Ctrl+Y redo, Ctrl+C/V/D copy, paste and duplicate
 * controls, Delete removes them. Not while a text field has the focus: there the field's own undo and
 * clipboard apply (its typing is one undo step of the designer once the focus leaves).
 */
export function useDesignerShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typingIn(event.target) || document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const state = useDesignerStore.getState();
      const run = (action: () => unknown) => {
        event.preventDefault();
        action();
      };
      if (mod && key === 'z' && !event.shiftKey) run(state.undo);
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) run(state.redo);
      else if (state.mode !== 'design') return;
      else if (mod && key === 'c' && state.selectedControls.size > 0) run(copySelection);
      else if (mod && key === 'v' && state.clipboard) run(paste);
      else if (mod && key === 'd' && state.selectedControls.size > 0) run(duplicate);
      else if (!mod && (event.key === 'Delete' || event.key === 'Backspace') && state.selectedControls.size > 0 && insideCanvas(event.target)) run(requestRemove);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

function insideCanvas(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[data-testid="designer-canvas"]') !== null;
}

/** Removing containers that hold controls: remove those too, or keep them on the page. */
export function RemoveControlsDialog() {
  const { t } = useTranslation();
  const pending = useDesignerStore((state) => state.pendingRemoval);
  const askRemoval = useDesignerStore((state) => state.askRemoval);
  if (!pending) return null;
  const close = () => askRemoval(null);
  const remove = (withContents: boolean) => {
    removeNow(pending.pageId, pending.ids, withContents);
    close();
  };
  return (
    <Modal opened onClose={close} title={t('applications:canvas.removeContainerTitle', { count: pending.ids.length })} data-testid="remove-container-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('applications:canvas.removeContainerMessage')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common:actions.cancel')}
          </Button>
          <Button variant="light" onClick={() => remove(false)} data-testid="remove-container-keep">
            {t('applications:canvas.removeKeepContents')}
          </Button>
          <Button color="red" onClick={() => remove(true)} data-testid="remove-container-all">
            {t('applications:canvas.removeWithContents')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
