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
  type IconNode,
} from '@tabler/icons-react';
import { __iconNode as textfieldNode } from '@tabler/icons-react/icons/IconForms';
import { __iconNode as textareaNode } from '@tabler/icons-react/icons/IconTextCaption';
import { __iconNode as numberNode } from '@tabler/icons-react/icons/IconHash';
import { __iconNode as dateNode } from '@tabler/icons-react/icons/IconCalendar';
import { __iconNode as checkboxNode } from '@tabler/icons-react/icons/IconCheckbox';
import { __iconNode as dropdownNode } from '@tabler/icons-react/icons/IconSelect';
import { __iconNode as datetimeNode } from '@tabler/icons-react/icons/IconCalendarTime';
import { __iconNode as emailNode } from '@tabler/icons-react/icons/IconAt';
import { __iconNode as urlNode } from '@tabler/icons-react/icons/IconWorld';
import { __iconNode as fileNode } from '@tabler/icons-react/icons/IconPaperclip';
import { __iconNode as referenceNode } from '@tabler/icons-react/icons/IconLinkPlus';
import { __iconNode as labelNode } from '@tabler/icons-react/icons/IconTextSize';
import { __iconNode as imageNode } from '@tabler/icons-react/icons/IconPhoto';
import { __iconNode as linkNode } from '@tabler/icons-react/icons/IconLink';
import { __iconNode as buttonNode } from '@tabler/icons-react/icons/IconClick';
import { __iconNode as tableNode } from '@tabler/icons-react/icons/IconTable';
import { __iconNode as sectionNode } from '@tabler/icons-react/icons/IconSquare';
import { __iconNode as tabsNode } from '@tabler/icons-react/icons/IconLayoutNavbar';
import { __iconNode as groupboxNode } from '@tabler/icons-react/icons/IconFolder';
import type { CSSProperties } from 'react';
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

const iconNodes: Record<ControlKind, IconNode> = {
  textfield: textfieldNode,
  textarea: textareaNode,
  number: numberNode,
  date: dateNode,
  checkbox: checkboxNode,
  dropdown: dropdownNode,
  datetime: datetimeNode,
  email: emailNode,
  url: urlNode,
  file: fileNode,
  reference: referenceNode,
  label: labelNode,
  image: imageNode,
  link: linkNode,
  button: buttonNode,
  table: tableNode,
  section: sectionNode,
  tabs: tabsNode,
  groupbox: groupboxNode,
};

/** Same look as the tabler component (24-unit outline drawn at 16 px, stroke 2), in the canvas text colour. */
function iconImage(node: IconNode): string {
  const attribute = (name: string, value: unknown) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${String(value)}"`;
  const shapes = node.map(([tag, attrs]) => `<${tag} ${Object.entries(attrs).filter(([name]) => name !== 'key').map(([name, value]) => attribute(name, value)).join(' ')}/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="#000" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${shapes.join('')}</svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

const iconStyles = new Map<ControlKind, CSSProperties>();

/**
 * A kind's icon on a canvas box, as a background image instead of an inline SVG: each inline SVG is a
 * transform (its viewBox) and so paint chunks of its own, and with 500 boxes Chromium's layerization of
 * every frame that moves a control took about 3 ms longer (CDP trace).
 */
export function KindIcon({ kind }: { kind: ControlKind }) {
  let style = iconStyles.get(kind);
  if (style === undefined) {
    style = { display: 'inline-block', flexShrink: 0, width: 16, height: 16, backgroundImage: iconImage(iconNodes[kind]), backgroundSize: '16px 16px', backgroundRepeat: 'no-repeat' };
    iconStyles.set(kind, style);
  }
  return <span aria-hidden data-icon={kind} style={style} />;
}
