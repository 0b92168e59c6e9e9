import {
  IconAt,
  IconCalendar,
  IconCalendarTime,
  IconLayoutNavbar,
  IconFolder,
  IconLink,
  IconLinkPlus,
  IconPaperclip,
  IconPhoto,
  IconSquare,
  IconTable,
  IconWorld,
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
  datetime: IconCalendarTime,
  email: IconAt,
  url: IconWorld,
  file: IconPaperclip,
  reference: IconLinkPlus,
  label: IconTextSize,
  image: IconPhoto,
  link: IconLink,
  button: IconClick,
  table: IconTable,
  section: IconSquare,
  tabs: IconLayoutNavbar,
  groupbox: IconFolder,
};

/** Row height of the design canvas and the preview, in pixels. */
export const ROW_HEIGHT = 48;
