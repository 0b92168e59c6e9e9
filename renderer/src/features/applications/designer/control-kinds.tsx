import {
  IconCalendar,
  IconCheckbox,
  IconClick,
  IconForms,
  IconHash,
  IconSelect,
  IconTextCaption,
  IconTextSize,
  type TablerIcon,
} from '@tabler/icons-react';
import type { ControlKind } from '../../../../../common/domain/application-definition';

export const controlIcons: Record<ControlKind, TablerIcon> = {
  textfield: IconForms,
  textarea: IconTextCaption,
  number: IconHash,
  date: IconCalendar,
  checkbox: IconCheckbox,
  dropdown: IconSelect,
  label: IconTextSize,
  button: IconClick,
};

/** Row height of the design canvas and the preview, in pixels. */
export const ROW_HEIGHT = 48;
