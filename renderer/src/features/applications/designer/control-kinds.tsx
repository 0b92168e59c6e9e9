import type { IconNode, TablerIcon } from '@tabler/icons-react';
// Each icon's own module: its component (what the barrel re-exports) and its shape, for the canvas's background icons.
import * as IconAt from '@tabler/icons-react/icons/IconAt';
import * as IconCalendar from '@tabler/icons-react/icons/IconCalendar';
import * as IconCalendarTime from '@tabler/icons-react/icons/IconCalendarTime';
import * as IconCheckbox from '@tabler/icons-react/icons/IconCheckbox';
import * as IconClick from '@tabler/icons-react/icons/IconClick';
import * as IconFolder from '@tabler/icons-react/icons/IconFolder';
import * as IconForms from '@tabler/icons-react/icons/IconForms';
import * as IconHash from '@tabler/icons-react/icons/IconHash';
import * as IconLayoutNavbar from '@tabler/icons-react/icons/IconLayoutNavbar';
import * as IconLink from '@tabler/icons-react/icons/IconLink';
import * as IconLinkPlus from '@tabler/icons-react/icons/IconLinkPlus';
import * as IconPaperclip from '@tabler/icons-react/icons/IconPaperclip';
import * as IconPhoto from '@tabler/icons-react/icons/IconPhoto';
import * as IconSelect from '@tabler/icons-react/icons/IconSelect';
import * as IconSquare from '@tabler/icons-react/icons/IconSquare';
import * as IconTable from '@tabler/icons-react/icons/IconTable';
import * as IconTextCaption from '@tabler/icons-react/icons/IconTextCaption';
import * as IconTextSize from '@tabler/icons-react/icons/IconTextSize';
import * as IconWorld from '@tabler/icons-react/icons/IconWorld';
import type { CSSProperties } from 'react';
import type { ControlKind } from '../../../../../common/domain/application-definition';

interface IconModule {
  default: TablerIcon;
  __iconNode: IconNode;
}

/** Each control kind's icon: one table for the palette's components and the canvas's background images. */
const kindIcons: Record<ControlKind, IconModule> = {
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

export const controlIcons = Object.fromEntries(Object.entries(kindIcons).map(([kind, icon]) => [kind, icon.default])) as Record<ControlKind, TablerIcon>;

/** Row height of the design canvas and the preview, in pixels. */
export const ROW_HEIGHT = 48;

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
    style = { display: 'inline-block', flexShrink: 0, width: 16, height: 16, backgroundImage: iconImage(kindIcons[kind].__iconNode), backgroundSize: '16px 16px', backgroundRepeat: 'no-repeat' };
    iconStyles.set(kind, style);
  }
  return <span aria-hidden data-icon={kind} style={style} />;
}
