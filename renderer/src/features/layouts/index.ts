import { IconLayoutDashboard } from '@tabler/icons-react';
import { createElement } from 'react';
import type { NavEntry } from '../../app/nav';
import { LayoutsArea } from './LayoutsArea';

export { LayoutsArea };

export const layoutsNav: NavEntry = {
  key: 'layouts',
  path: '/layouts',
  icon: IconLayoutDashboard,
  labelKey: 'app:nav.layouts',
  element: createElement(LayoutsArea),
};
